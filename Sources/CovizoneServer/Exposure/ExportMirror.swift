import CovizoneStore
import Foundation

/// Keeps a folder identical to what `/exposure/v1/` serves (`{region}/index.txt` and the zips),
/// so that it can be synced to any CDN or static host. Files the retention purge removed from the
/// store are removed from the folder too.
struct ExportMirror: Sendable {
    let directory: URL
    let exports: ExportRepository

    func sync(region: String) async throws {
        let folder = directory.appendingPathComponent(region, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = try await exports.fileNames(region: region)
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        for name in names where !present.contains(name) {
            guard let content = try await exports.file(region: region, name: name) else { continue }
            try content.write(to: folder.appendingPathComponent(name), options: .atomic)
        }
        for stale in present.subtracting(names) where stale.hasSuffix(".zip") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(stale))
        }
        // Written last, so a reader of the index finds every file it lists; left alone when unchanged
        // (the exporter runs every minute, and a CDN sync should see no change then).
        let index = Data(names.map { "\(region)/\($0)\n" }.joined().utf8)
        let indexFile = folder.appendingPathComponent("index.txt")
        if (try? Data(contentsOf: indexFile)) != index { try index.write(to: indexFile, options: .atomic) }
    }
}
