import CovizoneCore

/// How an SMS carries its text: the GSM 03.38 alphabet (7-bit septets, `data_coding` 0) or
/// UCS-2 (UTF-16 big-endian, `data_coding` 8) as soon as one character is outside that alphabet.
public enum SMSEncoding: String, Sendable, Equatable {
    case gsm7 = "GSM7"
    case ucs2 = "UCS2"
}

/// The concatenation header a long message's parts carry (3GPP TS 23.040 §9.2.3.24.1 and .8):
/// an 8-bit reference (6 bytes, the usual one) or a 16-bit one (7 bytes).
public enum ConcatenationReference: Sendable, Equatable {
    case eightBit
    case sixteenBit

    var headerLength: Int { self == .eightBit ? 6 : 7 }
}

/// A text as an SMS: composed (NFC) first, then its encoding, its length in the units the
/// network counts (septets, extension characters counting two; or UTF-16 units) and its parts.
/// A single message holds 160 septets or 70 UTF-16 units; parts of a longer one hold 153/67 with
/// an 8-bit reference (152/66 with a 16-bit one). A part never ends between an escape and its
/// character, or between the two halves of a surrogate pair.
public struct SMSMessage: Sendable, Equatable {
    /// The text as sent (composed).
    public let text: String
    public let encoding: SMSEncoding
    /// Length in septets (GSM7) or UTF-16 units (UCS2).
    public let length: Int
    /// The text of each part, in order; one part for a short message.
    public let parts: [String]
    public let reference: ConcatenationReference
    /// Each part's octets without a header (unpacked GSM septets, or UTF-16 big-endian).
    private let payloads: [[UInt8]]

    public init(_ text: String, reference: ConcatenationReference = .eightBit) {
        let composed = VietnameseText.composed(text)
        self.text = composed
        self.reference = reference
        // Each character's code units, looked up once: its septets (an extension character two),
        // or, as soon as one character has none, UTF-16 big-endian (a surrogate pair four bytes).
        let scalars = Array(composed.unicodeScalars)
        let septets = scalars.map(GSM7Alphabet.septets(of:))
        let encoding: SMSEncoding = septets.allSatisfy { $0 != nil } ? .gsm7 : .ucs2
        let codes: [[UInt8]] =
            switch encoding {
            case .gsm7: septets.map { $0 ?? [] }
            case .ucs2: scalars.map { scalar in scalar.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
            }
        let weights = codes.map { encoding == .gsm7 ? $0.count : $0.count / 2 }
        self.encoding = encoding
        length = weights.reduce(0, +)
        let runs = Self.split(weights: weights, single: encoding.singleCapacity, part: encoding.partCapacity(reference))
        parts = runs.map { run in
            var part = String.UnicodeScalarView()
            part.append(contentsOf: scalars[run])
            return String(part)
        }
        payloads = runs.map { run in codes[run].flatMap { $0 } }
    }

    /// Parts (standard SMS units) the message costs.
    public var partCount: Int { parts.count }

    /// Whole characters packed into parts, as runs of character positions: one run when the total
    /// fits `single`, else runs of at most `part` units each, so no escape pair or surrogate pair
    /// is ever cut.
    static func split(weights: [Int], single: Int, part: Int) -> [Range<Int>] {
        guard weights.reduce(0, +) > single else { return [0..<weights.count] }
        var runs: [Range<Int>] = []
        var start = 0
        var used = 0
        for (index, weight) in weights.enumerated() {
            if used + weight > part {
                runs.append(start..<index)
                start = index
                used = 0
            }
            used += weight
        }
        if start < weights.count { runs.append(start..<weights.count) }
        return runs
    }
}

extension SMSEncoding {
    /// Units of a message sent whole.
    var singleCapacity: Int { self == .gsm7 ? 160 : 70 }

    /// Units of one part of a concatenated message: 140 octets less the header.
    func partCapacity(_ reference: ConcatenationReference) -> Int {
        let octets = 140 - reference.headerLength
        return self == .gsm7 ? octets * 8 / 7 : octets / 2
    }
}

extension SMSMessage {
    /// `data_coding` for SMPP: 0 (the SMSC's default alphabet, GSM 03.38) or 8 (UCS-2).
    public var dataCoding: UInt8 { encoding == .gsm7 ? 0 : 8 }

    /// Each part's `short_message` octets: the text (unpacked GSM septets, or UTF-16 big-endian)
    /// behind a concatenation header when there are several parts (send those with `esm_class`
    /// 0x40). `reference` tells the parts of one message from another's (its low byte only with
    /// an 8-bit reference).
    public func shortMessages(reference: UInt16) -> [[UInt8]] {
        guard payloads.count > 1 else { return payloads }
        let total = UInt8(payloads.count)
        return payloads.enumerated().map { index, payload in
            let header: [UInt8] =
                switch self.reference {
                case .eightBit: [0x05, 0x00, 0x03, UInt8(reference & 0xFF), total, UInt8(index + 1)]
                case .sixteenBit: [0x06, 0x08, 0x04, UInt8(reference >> 8), UInt8(reference & 0xFF), total, UInt8(index + 1)]
                }
            return header + payload
        }
    }
}
