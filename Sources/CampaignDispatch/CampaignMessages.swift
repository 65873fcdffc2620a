import CovizoneCore
import CovizoneStore
import Messaging

/// A campaign's message as each recipient gets it: the template with `{province}` (the
/// recipient's province name), written without diacritics when the campaign asks, checked
/// against the campaign's maximum of parts.
public struct CampaignMessages: Sendable {
    /// Variables a campaign template may use.
    public static let variables: Set<String> = ["province"]

    public let divisions: AdministrativeDivisions

    public init(divisions: AdministrativeDivisions) {
        self.divisions = divisions
    }

    /// The message to the members of `provinceCode`.
    public func message(_ content: CampaignContent, provinceCode: String) throws(MessageTemplate.Problem) -> SMSMessage {
        let template = try MessageTemplate(content.template, variables: Self.variables)
        let province = divisions.province(code: provinceCode)?.name ?? provinceCode
        return try template.message(["province": province], maximumParts: content.maximumParts, withoutDiacritics: content.withoutDiacritics)
    }

    /// Each province's body and parts.
    public func bodies(_ content: CampaignContent, provinceCodes: some Sequence<String>) throws(MessageTemplate.Problem) -> [String: (body: String, parts: Int)] {
        var bodies: [String: (body: String, parts: Int)] = [:]
        for code in provinceCodes {
            let message = try message(content, provinceCode: code)
            bodies[code] = (message.text, message.partCount)
        }
        return bodies
    }

    /// The message that costs most among the provinces the campaign reaches (the longest
    /// province name), for the editor and estimates.
    public func longest(_ content: CampaignContent) throws(MessageTemplate.Problem) -> SMSMessage {
        var longest: SMSMessage?
        let codes = content.segment.provinces.isEmpty ? divisions.provinces.map(\.code) : content.segment.provinces
        for code in codes {
            let message = try message(content, provinceCode: code)
            if longest.map({ message.partCount > $0.partCount || message.partCount == $0.partCount && message.length > $0.length }) ?? true {
                longest = message
            }
        }
        if let longest { return longest }
        return try message(content, provinceCode: "")
    }
}
