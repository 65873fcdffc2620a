import CovizoneCore
import Foundation

/// A versioned reporting form, kept as data (JSON) like the questionnaires: the channels of the
/// seed's table and the data elements (`CHANNEL.METRIC`, whole numbers) a unit fills in.
public struct ReportingForm: Codable, Sendable, Equatable {
    /// One row of the seed's table.
    public struct Channel: Codable, Sendable, Equatable {
        public var code: String
        public var name: LocalizedText
        /// A word or two for a chart's axis.
        public var shortName: LocalizedText
    }

    /// One value a unit reports.
    public struct Element: Codable, Sendable, Equatable {
        /// `CHANNEL.METRIC`, e.g. `sms-zalo.reached`.
        public var id: String
        public var name: LocalizedText
        /// `integer` for every element of this version.
        public var type: String
        public var channel: String
        public var metric: String
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var source: String
    public var channels: [Channel]
    public var elements: [Element]

    /// Decodes and checks a form file: ids `CHANNEL.METRIC` of known channels (or `app`), unique, integer-typed.
    public static func load(from data: Data) throws -> ReportingForm {
        let form = try JSONDecoder().decode(ReportingForm.self, from: data)
        try form.validate()
        return form
    }

    public func validate() throws(FormDefect) {
        let channelCodes = Set(channels.map(\.code)).union(["app"])
        var seen: Set<String> = []
        for element in elements {
            guard element.id == "\(element.channel).\(element.metric)" else { throw .invalid("element \(element.id) must be named CHANNEL.METRIC") }
            guard channelCodes.contains(element.channel) else { throw .invalid("element \(element.id) names an unknown channel") }
            guard element.type == "integer" else { throw .invalid("element \(element.id) must be an integer") }
            guard seen.insert(element.id).inserted else { throw .invalid("element \(element.id) is given twice") }
        }
    }

    /// The element `id`, if the form has it.
    public func element(_ id: String) -> Element? { elements.first { $0.id == id } }

    /// The form shipped with Covizone: the seed's communication form and app installations.
    public static func bundledCommunication() throws -> ReportingForm {
        guard let url = Bundle.module.url(forResource: "communication-v1", withExtension: "json", subdirectory: "Forms")
            ?? Bundle.module.url(forResource: "communication-v1", withExtension: "json")
        else { throw FormDefect.invalid("the bundled communication form is missing") }
        return try load(from: Data(contentsOf: url))
    }
}

/// A form file that cannot be used.
public enum FormDefect: Error, Sendable, Equatable {
    case invalid(String)
}
