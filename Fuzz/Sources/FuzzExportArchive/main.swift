import ExposureNotificationExport
import Foundation

/// A key export file as a phone or another country's server hands it over. A zip that reads must
/// zip again into one that reads the same; its `export.bin` must parse or be refused, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExportArchive(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let zip = Data(bytes: start, count: count)
    guard let archive = try? ExportArchive(zip: zip) else { return 0 }
    _ = try? ExposureKeyExport(serialized: archive.exportBinary)
    guard let rezipped = try? archive.zipped(), let again = try? ExportArchive(zip: rezipped), again.exportBinary == archive.exportBinary,
        again.signatures.map(\.der) == archive.signatures.map(\.der)
    else { fatalError("an archive that reads does not survive zipping again") }
    return 0
}
