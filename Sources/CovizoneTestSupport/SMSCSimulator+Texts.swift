import Messaging

extension SMSCSimulator {
    /// The GSM-7 texts accepted for `destination`, in the order their last part arrived: the
    /// parts of a long text (a user data header with a concatenation reference) put back together.
    public func texts(to destination: String) async throws -> [String] {
        var texts: [String] = []
        var parts: [UInt8: [(number: UInt8, bytes: ArraySlice<UInt8>)]] = [:]
        for submission in try await received() where submission.destination == destination && submission.status == 0 {
            let bytes = submission.shortMessageBytes
            guard submission.esmClass & 0x40 != 0, bytes.count > 6, bytes[0] == 5, bytes[1] == 0 else {
                texts.append(GSM7Alphabet.decode(bytes) ?? "")
                continue
            }
            let (reference, total, number) = (bytes[3], bytes[4], bytes[5])
            parts[reference, default: []].append((number, bytes[6...]))
            if let received = parts[reference], received.count == Int(total) {
                texts.append(GSM7Alphabet.decode(received.sorted { $0.number < $1.number }.flatMap(\.bytes)) ?? "")
                parts[reference] = nil
            }
        }
        return texts
    }
}
