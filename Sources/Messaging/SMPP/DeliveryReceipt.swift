import Foundation

/// A delivery receipt as SMSCs write it in a deliver_sm's text (SMPP v3.4 Appendix B):
/// `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`.
/// Read leniently: any case, fields in any order, missing ones left out, ids of any length.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The message id the SMSC gave in submit_sm_resp.
    public var messageID: String
    public var state: DeliveryState
    public var error: String?
    public var submitDate: String?
    public var doneDate: String?

    public init(messageID: String, state: DeliveryState, error: String? = nil, submitDate: String? = nil, doneDate: String? = nil) {
        self.messageID = messageID
        self.state = state
        self.error = error
        self.submitDate = submitDate
        self.doneDate = doneDate
    }

    /// The fields of a receipt's text; the longer names first, so `submit date` is not read as `sub`.
    private enum Field: CaseIterable {
        case submitDate, doneDate, id, sub, dlvrd, stat, err, text

        /// Each field with its key's bytes, in the order they are tried.
        static let keys = allCases.map { ($0, Array($0.key.utf8)) }

        private var key: String {
            switch self {
            case .submitDate: "submit date"
            case .doneDate: "done date"
            default: "\(self)"
            }
        }
    }

    /// The receipt in `text`, or nil when it has no id or no state.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        // Each field: a key at the start or after a space, then a colon; its value runs to the next field.
        var starts: [(field: Field, keyStart: Int, valueStart: Int)] = []
        var index = 0
        while index < bytes.count {
            if index == 0 || bytes[index - 1] == UInt8(ascii: " "),
                let (field, key) = Field.keys.first(where: { Self.key($0.1, isAt: index, in: bytes) })
            {
                let valueStart = index + key.count + 1
                starts.append((field, index, valueStart))
                index = valueStart
            } else {
                index += 1
            }
        }
        var values: [Field: String] = [:]
        for (position, start) in starts.enumerated() where values[start.field] == nil {
            let end = position + 1 < starts.count ? starts[position + 1].keyStart : bytes.count
            values[start.field] = Self.trimmed(bytes[start.valueStart..<end])
        }
        guard let id = values[.id], !id.isEmpty, let state = values[.stat], !state.isEmpty else { return nil }
        self.init(messageID: id, state: DeliveryState(rawValue: state.uppercased()), error: values[.err], submitDate: values[.submitDate], doneDate: values[.doneDate])
    }

    /// True when `key` (lower case) followed by a colon starts at `index`, in any case.
    private static func key(_ key: [UInt8], isAt index: Int, in bytes: [UInt8]) -> Bool {
        guard index + key.count < bytes.count, bytes[index + key.count] == UInt8(ascii: ":") else { return false }
        for offset in key.indices {
            let byte = bytes[index + offset]
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            if lower != key[offset] { return false }
        }
        return true
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The receipt in the optional parameters receipted_message_id and message_state, for an SMSC
    /// that sends those instead of (or besides) the receipt text.
    public init?(optionalParameters: [SMPPOptionalParameter]) {
        guard let id = optionalParameters.first(where: { $0.tag == SMPPOptionalParameter.receiptedMessageID })?.value,
            let state = optionalParameters.first(where: { $0.tag == SMPPOptionalParameter.messageState })?.value.first,
            let deliveryState = DeliveryState(messageState: state)
        else { return nil }
        let messageID = String(decoding: id.prefix { $0 != 0 }, as: UTF8.self)
        guard !messageID.isEmpty else { return nil }
        self.init(messageID: messageID, state: deliveryState)
    }
}
