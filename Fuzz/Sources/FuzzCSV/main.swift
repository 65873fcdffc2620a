import CovizoneCore

/// An uploaded list, as it streams in. The bytes cut into two chunks anywhere must be refused as
/// they are in one piece, or decode and parse to the same records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let whole = records(in: [bytes[...]])
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let chunked = records(in: [bytes[..<cut], bytes[cut...]])
    guard whole == chunked else { fatalError("cut at \(cut): \(String(describing: whole)) but \(String(describing: chunked))") }
    return 0
}

/// The records of `chunks` read in turn; nil when they are not UTF-8 or not CSV.
func records(in chunks: [ArraySlice<UInt8>]) -> [CSVRecord]? {
    var decoder = StreamingUTF8Decoder()
    var parser = CSVParser(maximumRecordLength: 256)
    var records: [CSVRecord] = []
    for chunk in chunks {
        guard let text = decoder.decode(chunk), let read = try? parser.consume(text) else { return nil }
        records += read
    }
    guard decoder.isComplete else { return nil }
    do {
        return records + (try parser.finish().map { [$0] } ?? [])
    } catch {
        return nil
    }
}
