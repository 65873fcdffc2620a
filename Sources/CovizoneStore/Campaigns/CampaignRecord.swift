import Foundation
import Messaging
import SQLKit

/// A campaign as stored: what its author wrote, and where it is in its life cycle.
public struct CampaignRecord: Sendable, Equatable {
    public var id: Int64
    public var content: CampaignContent
    public var status: CampaignStatus
    public var createdBy: String
    public var createdAt: Date
    public var approvedBy: String?
    public var approvedAt: Date?
    /// How many subscribers the list held when the campaign was approved.
    public var approvedMembers: Int?

    static let columns = [
        "id", "name", "channel", "template", "no_diacritics", "sender", "maximum_parts", "audience_id", "segment", "schedule", "http_template", "status",
        "province_code", "created_by", "created_at", "approved_by", "approved_at", "approved_members",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        content = CampaignContent(
            name: try row.decode(column: "name", as: String.self), channel: try row.value("channel", as: CampaignChannel.self),
            template: try row.decode(column: "template", as: String.self), withoutDiacritics: try row.decode(column: "no_diacritics", as: Int.self) != 0,
            sender: try row.decode(column: "sender", as: String.self), maximumParts: try row.decode(column: "maximum_parts", as: Int.self),
            audienceID: try row.decode(column: "audience_id", as: Int64.self),
            segment: try decoder.decode(AudienceSegment.self, from: Data(try row.decode(column: "segment", as: String.self).utf8)),
            schedule: try decoder.decode(CampaignSchedule.self, from: Data(try row.decode(column: "schedule", as: String.self).utf8)),
            httpTemplate: try row.optionalString("http_template"), provinceCode: try row.optionalString("province_code")
        )
        status = CampaignStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .cancelled
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at")
        approvedBy = try row.optionalString("approved_by")
        approvedAt = try row.optionalInt64("approved_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        approvedMembers = try row.optionalInt64("approved_members").map(Int.init)
    }
}

/// What an officer writes: name, channel, message template, audience segment and schedule (the
/// rest, status and approval, the life cycle sets).
public struct CampaignContent: Sendable, Equatable {
    public var name: String
    /// `sms`, or `http` for a Zalo-style notification service.
    public var channel: CampaignChannel
    /// The message with `{variables}` (see ``Messaging/MessageTemplate``).
    public var template: String
    public var withoutDiacritics: Bool
    /// The sender shown on phones (a short code or a brand name).
    public var sender: String
    public var maximumParts: Int
    public var audienceID: Int64
    public var segment: AudienceSegment
    public var schedule: CampaignSchedule
    /// The provider's template id, for the HTTP channel.
    public var httpTemplate: String?
    /// The province whose officers own it; nil for a national campaign.
    public var provinceCode: String?

    public init(
        name: String, channel: CampaignChannel, template: String, withoutDiacritics: Bool, sender: String, maximumParts: Int, audienceID: Int64,
        segment: AudienceSegment, schedule: CampaignSchedule, httpTemplate: String?, provinceCode: String?
    ) {
        self.name = name
        self.channel = channel
        self.template = template
        self.withoutDiacritics = withoutDiacritics
        self.sender = sender
        self.maximumParts = maximumParts
        self.audienceID = audienceID
        self.segment = segment
        self.schedule = schedule
        self.httpTemplate = httpTemplate
        self.provinceCode = provinceCode
    }
}

/// One round of a campaign.
public struct CampaignRound: Sendable, Equatable, Codable {
    public var id: Int64
    public var campaignID: Int64
    public var number: Int
    public var dueAt: Date
    public var status: RoundStatus
    public var recipients: Int
    public var queuedAt: Date?
    public var finishedAt: Date?

    static let columns = ["id", "campaign_id", "number", "due_at", "status", "recipients", "queued_at", "finished_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        campaignID = try row.decode(column: "campaign_id", as: Int64.self)
        number = try row.decode(column: "number", as: Int.self)
        dueAt = try row.date("due_at")
        status = try row.value("status", as: RoundStatus.self)
        recipients = try row.decode(column: "recipients", as: Int.self)
        queuedAt = try row.optionalInt64("queued_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        finishedAt = try row.optionalInt64("finished_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
