/// Reads SMPP fields: big-endian integers, NUL-terminated strings of bounded length, octets,
/// optional parameters. Every read checks what is left.
struct SMPPReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(SMPPError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func short() throws(SMPPError) -> UInt16 {
        UInt16(try byte()) << 8 | UInt16(try byte())
    }

    mutating func integer() throws(SMPPError) -> UInt32 {
        UInt32(try short()) << 16 | UInt32(try short())
    }

    mutating func bytes(_ count: Int) throws(SMPPError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - offset else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A C-Octet String of at most `maximum` bytes, its NUL included. The specification means
    /// ASCII; other bytes are read one character each (ISO 8859-1), so that whatever an SMSC sent
    /// is written back byte for byte.
    mutating func cString(maximum: Int) throws(SMPPError) -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw .unterminatedString }
        guard end - offset + 1 <= maximum else { throw .stringTooLong(end - offset + 1) }
        defer { offset = end + 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: bytes[offset..<end].map { Unicode.Scalar($0) })
        return String(text)
    }

    /// The optional parameters up to the end of the PDU.
    mutating func optionalParameters() throws(SMPPError) -> [SMPPOptionalParameter] {
        var parameters: [SMPPOptionalParameter] = []
        while !isAtEnd {
            let tag = try short()
            let length = Int(try short())
            parameters.append(SMPPOptionalParameter(tag: tag, value: try bytes(length)))
        }
        return parameters
    }

    mutating func skipOptionalParameters() throws(SMPPError) {
        _ = try optionalParameters()
    }
}

/// Writes SMPP fields.
struct SMPPWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func short(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
    mutating func integer(_ value: UInt32) { bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    mutating func bytes(_ values: [UInt8]) { bytes += values }
    /// `text` as a C-Octet String: one byte per character (ISO 8859-1; others written `?`, and a
    /// NUL inside would end the string early, so it is written `?` too), then the NUL.
    mutating func cString(_ text: String) {
        bytes += text.unicodeScalars.map { $0.value > 0 && $0.value <= 0xFF ? UInt8($0.value) : UInt8(ascii: "?") } + [0]
    }

    /// `body` (command id onwards) behind its length.
    static func framed(_ body: [UInt8]) -> [UInt8] {
        var writer = SMPPWriter()
        writer.integer(UInt32(body.count + 4))
        return writer.bytes + body
    }
}
