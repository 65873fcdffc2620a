import CovizoneCore
import CovizoneStore
import Foundation
import Messaging

/// The campaign editor's fields as a form holds them, read into the API's body (so the page and
/// the API check the same way) and written back from a stored campaign.
struct CampaignForm: Sendable {
    var fields: [String: String]
    /// Operators ticked in the segment.
    var operators: [String]

    init(fields: [String: String], operators: [String]) {
        self.fields = fields
        self.operators = operators
    }

    /// A new campaign's form: starts tomorrow at 08:00 Vietnam time, three parts at most.
    static func blank(now: Date, sender: String) -> CampaignForm {
        let tomorrow = VietnamDay.start(ofNumber: VietnamDay.number(of: now) + 1) + 8 * 3600
        return CampaignForm(
            fields: ["start": VietnamLocalTime.string(of: tomorrow), "maximumParts": "3", "sender": sender, "quietStart": "22:00", "quietEnd": "07:00", "channel": "sms"],
            operators: []
        )
    }

    init(_ content: CampaignContent) {
        let schedule = CampaignJSON.Schedule(content.schedule)
        fields = [
            "name": content.name, "channel": content.channel.rawValue, "template": content.template, "noDiacritics": content.withoutDiacritics ? "on" : "",
            "sender": content.sender, "maximumParts": String(content.maximumParts), "audienceId": String(content.audienceID),
            "provinces": content.segment.provinces.joined(separator: ","), "groups": content.segment.groups.joined(separator: ","), "start": schedule.start,
            "repeatEveryDays": content.schedule.repeatEveryDays.map(String.init) ?? "", "until": schedule.until ?? "",
            "quietStart": schedule.quietHours?.start ?? "", "quietEnd": schedule.quietHours?.end ?? "", "httpTemplate": content.httpTemplate ?? "",
        ]
        operators = content.segment.operators
    }

    /// The body the API would get; field problems of the form itself (numbers, times) at once.
    func body() throws -> CampaignJSON.Body {
        var problems: [FieldError] = []
        func number(_ name: String) -> Int? {
            guard let text = fields[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                problems.append(FieldError(field: name, message: "must be a whole number"))
                return nil
            }
            return value
        }
        func list(_ name: String) -> [String] {
            (fields[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let audienceID = number("audienceId")
        if audienceID == nil { problems.append(FieldError(field: "audienceId", message: "choose an audience")) }
        let channel = CampaignChannel(rawValue: fields["channel"] ?? CampaignChannel.sms.rawValue)
        if channel == nil { problems.append(FieldError(field: "channel", message: "must be sms or http")) }
        let quiet = (fields["quietStart"] ?? "", fields["quietEnd"] ?? "")
        let body = CampaignJSON.Body(
            name: fields["name"] ?? "", channel: channel, template: fields["template"] ?? "", noDiacritics: fields["noDiacritics"] == "on",
            sender: fields["sender"], maximumParts: number("maximumParts"), audienceId: Int64(audienceID ?? 0),
            segment: AudienceSegment(provinces: list("provinces"), operators: operators, groups: list("groups")),
            schedule: CampaignJSON.Schedule(
                start: fields["start"] ?? "", repeatEveryDays: number("repeatEveryDays"), until: (fields["until"] ?? "").isEmpty ? nil : fields["until"],
                quietHours: quiet.0.isEmpty && quiet.1.isEmpty ? nil : .init(start: quiet.0, end: quiet.1)
            ),
            httpTemplate: (fields["httpTemplate"] ?? "").isEmpty ? nil : fields["httpTemplate"], provinceCode: nil
        )
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return body
    }
}
