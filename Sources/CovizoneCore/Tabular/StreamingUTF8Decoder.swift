/// UTF-8 decoding of a byte stream cut anywhere (an upload read chunk by chunk): a character split
/// between two chunks waits for the rest of its bytes.
public struct StreamingUTF8Decoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The text of the bytes so far that form whole characters; nil when they are not UTF-8.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> String? {
        pending.append(contentsOf: bytes)
        guard !pending.isEmpty else { return "" }
        var end = pending.count
        // Keep back an incomplete sequence at the end (at most three bytes of a four-byte one).
        for back in 1...min(3, pending.count) {
            let byte = pending[pending.count - back]
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > back { end = pending.count - back }
            break
        }
        guard let text = String(validating: pending[..<end], as: UTF8.self) else { return nil }
        pending.removeFirst(end)
        return text
    }

    /// True when no partial character is left over.
    public var isComplete: Bool { pending.isEmpty }
}
