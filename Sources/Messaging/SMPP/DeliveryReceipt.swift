import Foundation

/// A delivery receipt as SMSCs write it in a deliver_sm's text (SMPP v3.4 Appendix B):
/// `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`.
/// Read leniently: any case, fields in any order, missing ones left out, ids of any length.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The message id the SMSC gave in submit_sm_resp.
    public var messageID: String
    /// `DELIVRD`, `EXPIRED`, `DELETED`, `UNDELIV`, `ACCEPTD`, `UNKNOWN` or `REJECTD`.
    public var state: String
    public var error: String?
    public var submitDate: String?
    public var doneDate: String?

    /// True when the message reached the phone.
    public var isDelivered: Bool { state == "DELIVRD" }
    /// True when the message will not be delivered.
    public var isFinalFailure: Bool { ["EXPIRED", "DELETED", "UNDELIV", "REJECTD"].contains(state) }

    public init(messageID: String, state: String, error: String? = nil, submitDate: String? = nil, doneDate: String? = nil) {
        self.messageID = messageID
        self.state = state
        self.error = error
        self.submitDate = submitDate
        self.doneDate = doneDate
    }

    private static let keys = ["submit date", "done date", "id", "sub", "dlvrd", "stat", "err", "text"]

    /// The receipt in `text`, or nil when it has no id or no state.
    public init?(text: String) {
        var fields: [String: String] = [:]
        let lower = text.lowercased()
        var starts: [(key: String, range: Range<String.Index>)] = []
        for key in Self.keys {
            var searchFrom = lower.startIndex
            while let found = lower.range(of: key + ":", range: searchFrom..<lower.endIndex) {
                let isWordStart = found.lowerBound == lower.startIndex || lower[lower.index(before: found.lowerBound)] == " "
                let inside = starts.contains { $0.range.overlaps(found) }
                if isWordStart && !inside { starts.append((key, found)) }
                searchFrom = found.upperBound
            }
        }
        starts.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (index, start) in starts.enumerated() where fields[start.key] == nil {
            let end = index + 1 < starts.count ? starts[index + 1].range.lowerBound : text.endIndex
            fields[start.key] = text[start.range.upperBound..<end].trimmingCharacters(in: .whitespaces)
        }
        guard let id = fields["id"], !id.isEmpty, let state = fields["stat"], !state.isEmpty else { return nil }
        self.init(messageID: id, state: state.uppercased(), error: fields["err"], submitDate: fields["submit date"], doneDate: fields["done date"])
    }

    /// The receipt in the optional parameters receipted_message_id and message_state, for an SMSC
    /// that sends those instead of (or besides) the receipt text.
    public init?(optionalParameters: [SMPPOptionalParameter]) {
        guard let id = optionalParameters.first(where: { $0.tag == SMPPOptionalParameter.receiptedMessageID })?.value,
            let state = optionalParameters.first(where: { $0.tag == SMPPOptionalParameter.messageState })?.value.first,
            let name = Self.stateNames[state]
        else { return nil }
        let messageID = String(decoding: id.prefix { $0 != 0 }, as: UTF8.self)
        guard !messageID.isEmpty else { return nil }
        self.init(messageID: messageID, state: name)
    }

    /// message_state values (SMPP v3.4 §5.2.28) as the receipt text names them.
    private static let stateNames: [UInt8: String] = [
        1: "ENROUTE", 2: "DELIVRD", 3: "EXPIRED", 4: "DELETED", 5: "UNDELIV", 6: "ACCEPTD", 7: "UNKNOWN", 8: "REJECTD",
    ]
}
