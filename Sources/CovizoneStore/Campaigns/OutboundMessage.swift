import Foundation
import Messaging
import SQLKit

/// Where a message is on its way to a phone.
public enum OutboundStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting in the queue.
    case queued
    /// Taken by a dispatcher, being submitted.
    case sending
    /// Every part accepted by the SMSC; waiting for receipts.
    case submitted
    /// Every part's receipt says delivered.
    case delivered
    /// Refused, undeliverable or cancelled; `reason` says why.
    case failed
    /// The dispatcher stopped while submitting it: the SMSC may or may not have it. It is never
    /// submitted again; a receipt from the phone settles it.
    case unconfirmed
}

/// Single texts (one-time codes, warnings) go before campaign rounds.
public enum OutboundPriority {
    public static let transactional = 0
    public static let bulk = 1
}

/// A message in the outbound queue.
public struct OutboundMessage: Sendable, Equatable {
    public var id: Int64
    public var roundID: Int64?
    /// `campaign`, `one-time-code`, `reminder`, `warning`, `opt-out-confirmation`.
    public var purpose: String
    public var priority: Int
    /// E.164.
    public var phone: String
    public var operatorID: String
    public var provinceCode: String?
    /// The sender shown on the phone.
    public var sender: String
    public var body: String
    public var parts: Int
    public var status: OutboundStatus
    public var reason: String?

    static let columns = ["id", "round_id", "purpose", "priority", "phone", "operator", "province_code", "sender", "body", "parts", "status", "reason"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        roundID = try row.optionalInt64("round_id")
        purpose = try row.decode(column: "purpose", as: String.self)
        priority = try row.decode(column: "priority", as: Int.self)
        phone = try row.decode(column: "phone", as: String.self)
        operatorID = try row.decode(column: "operator", as: String.self)
        provinceCode = try row.optionalString("province_code")
        sender = try row.decode(column: "sender", as: String.self)
        body = try row.decode(column: "body", as: String.self)
        parts = try row.decode(column: "parts", as: Int.self)
        status = OutboundStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed
        reason = try row.optionalString("reason")
    }
}

/// What became of one submitted message, as the dispatcher records it.
public enum SubmissionResult: Sendable, Equatable {
    /// Every part accepted, with the SMSC's id of each.
    case submitted(smscIDs: [String])
    /// Refused (the reason names the SMSC's status); parts accepted before are listed.
    case failed(reason: String)
    /// No answer for a part: fate unknown, never sent again.
    case unconfirmed(reason: String)
}

/// A part's response that came after its timeout (see
/// ``OutboundQueueRepository/recordLateAnswers(_:at:)``).
public enum LateAnswer: Sendable, Equatable {
    case accepted(smscID: String)
    case refused(reason: String)
}

/// A receipt the dispatcher could not match to a submission when it came.
public struct HeldReceipt: Sendable, Equatable {
    public var smsc: String
    public var smscID: String
    /// The phone it is about, E.164.
    public var phone: String
    public var state: DeliveryState
    public var error: String?
    /// When it came (the real time: it is compared with the dispatcher's own flushes).
    public var receivedAt: Date

    public init(smsc: String, smscID: String, phone: String, state: DeliveryState, error: String?, receivedAt: Date) {
        self.smsc = smsc
        self.smscID = smscID
        self.phone = phone
        self.state = state
        self.error = error
        self.receivedAt = receivedAt
    }
}

extension OutboundStatus {
    /// `status = '…'` with the status written out: a statement that should use a partial index
    /// of that status (see migration 15) names it this way, as a bound value would not match the
    /// index's predicate.
    static func isClause(_ status: OutboundStatus) -> SQLRaw {
        SQLRaw("status = '\(status.rawValue)'")
    }
}
