import CovizoneCore

/// A scanned personal QR or chip-ID card text. Whatever reads must write out as a national QR text
/// that reads back to the same person.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPersonalQR(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let person = try? PersonalIdentity.parse(text) else { return 0 }
    guard let again = try? PersonalIdentity.parse(person.nationalQRText), again.documentNumber == person.documentNumber,
        again.fullName == person.fullName, again.birthDate == person.birthDate
    else { fatalError("\(text) reads, but its national QR text \(person.nationalQRText) does not read back") }
    return 0
}
