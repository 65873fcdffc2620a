import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import Messaging

/// The JSON shapes of the campaign API.
enum CampaignJSON {
    /// What an officer sends to create or change a campaign.
    struct Body: Decodable, Sendable {
        var name: String
        var channel: CampaignChannel?
        var template: String
        var noDiacritics: Bool?
        var sender: String?
        var maximumParts: Int?
        var audienceId: Int64
        var segment: AudienceSegment?
        var schedule: Schedule
        var httpTemplate: String?
        var provinceCode: String?

        /// The content, with the server's default sender and parts where the body has none.
        func content(settings: MessagingSettings) throws -> CampaignContent {
            try content(defaultSender: settings.sender, defaultParts: min(3, settings.maximumParts))
        }

        /// The content, or every field problem at once.
        func content(defaultSender: String, defaultParts: Int) throws -> CampaignContent {
            CampaignContent(
                name: name, channel: channel ?? .sms, template: template, withoutDiacritics: noDiacritics ?? false, sender: sender ?? defaultSender,
                maximumParts: maximumParts ?? defaultParts, audienceID: audienceId, segment: segment ?? AudienceSegment(),
                schedule: try schedule.schedule(), httpTemplate: httpTemplate, provinceCode: provinceCode
            )
        }
    }

    /// `start` and `until` as ISO 8601 (`2027-01-20T08:00:00+07:00`) or Vietnam wall-clock time
    /// (`2027-01-20T08:00`); quiet hours as `HH:MM` (default 22:00–07:00; equal times for none).
    struct Schedule: Codable, Sendable {
        var start: String
        var repeatEveryDays: Int?
        var until: String?
        var quietHours: QuietHoursText?

        struct QuietHoursText: Codable, Sendable {
            var start: String
            var end: String
        }

        init(start: String, repeatEveryDays: Int?, until: String?, quietHours: QuietHoursText?) {
            self.start = start
            self.repeatEveryDays = repeatEveryDays
            self.until = until
            self.quietHours = quietHours
        }

        func schedule() throws -> CampaignSchedule {
            var problems: [FieldError] = []
            let start = Self.date(self.start)
            if start == nil { problems.append(FieldError(field: "schedule.start", message: "must be a date and time like 2027-01-20T08:00")) }
            let until = self.until.map(Self.date)
            if until == .some(nil) { problems.append(FieldError(field: "schedule.until", message: "must be a date and time like 2027-02-20T08:00")) }
            var quiet = QuietHours()
            if let quietHours {
                let minutes = (Self.minute(quietHours.start), Self.minute(quietHours.end))
                if let start = minutes.0, let end = minutes.1 {
                    quiet = QuietHours(start: start, end: end)
                } else {
                    problems.append(FieldError(field: "schedule.quietHours", message: "must be two times like 22:00 and 07:00"))
                }
            }
            guard problems.isEmpty, let start else { throw ValidationFailure(problems) }
            return CampaignSchedule(start: start, repeatEveryDays: repeatEveryDays, until: until ?? nil, quietHours: quiet)
        }

        init(_ schedule: CampaignSchedule) {
            start = VietnamLocalTime.string(of: schedule.start)
            repeatEveryDays = schedule.repeatEveryDays
            until = schedule.until.map(VietnamLocalTime.string(of:))
            quietHours = QuietHoursText(start: Self.clock(schedule.quietHours.start), end: Self.clock(schedule.quietHours.end))
        }

        static func date(_ text: String) -> Date? {
            InputDate.iso8601(text) ?? VietnamLocalTime.date(from: text)
        }

        static func minute(_ text: String) -> Int? {
            let parts = text.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
            return hour * 60 + minute
        }

        static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
    }

    /// What a message costs: the most expensive province's rendering.
    struct Preview: Encodable, Sendable {
        var encoding: String
        var parts: Int
        var chars: Int
        var partTexts: [String]

        init(_ message: SMSMessage) {
            encoding = message.encoding.rawValue
            parts = message.partCount
            chars = message.length
            partTexts = message.parts
        }
    }

    struct Round: Encodable, Sendable {
        var number: Int
        var dueAt: Date
        var status: RoundStatus
        var recipients: Int
        var queuedAt: Date?
        var finishedAt: Date?
        var statistics: RoundStatistics?
    }

    struct Campaign: ResponseEncodable {
        var id: Int64
        var name: String
        var channel: CampaignChannel
        var template: String
        var noDiacritics: Bool
        var sender: String
        var maximumParts: Int
        var audienceId: Int64
        var segment: AudienceSegment
        var schedule: Schedule
        var httpTemplate: String?
        var status: CampaignStatus
        var provinceCode: String?
        var createdBy: String
        var createdAt: Date
        var approvedBy: String?
        var approvedAt: Date?
        /// Subscribers the list held when the campaign was approved.
        var approvedMembers: Int?
        var preview: Preview?
        var estimate: CampaignEstimate?
        var rounds: [Round]?
    }

    struct Campaigns: ResponseEncodable {
        var items: [Campaign]
    }

    struct Audience: ResponseEncodable {
        var id: Int64
        var name: String
        var provinceCode: String?
        var createdBy: String
        var createdAt: Date
        var members: Int
    }

    struct Audiences: ResponseEncodable {
        var items: [Audience]
    }

    struct AudienceBody: Decodable, Sendable {
        var name: String
        var provinceCode: String?
    }
}

extension AudienceImportReport: ResponseEncodable {}
