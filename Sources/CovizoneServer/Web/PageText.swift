import CovizoneCore
import Foundation
import Hummingbird

/// The strings and formats of one page in its visitor's language, for building page models.
struct PageText: Sendable {
    let localizer: Localizer
    let language: Language

    /// The string of `key` in the page's language.
    func callAsFunction(_ key: String) -> String { localizer.string(key, language) }

    /// The string of `key` with each `{name}` in it replaced by `values[name]`.
    func callAsFunction(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self(key)) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }

    /// The string of `prefix` + `code` when the tables have one, else `code` itself (for codes a
    /// setting may add, such as a takedown platform).
    func label(_ prefix: String, _ code: String) -> String {
        let label = self(prefix + code)
        return label == prefix + code ? code : label
    }

    /// A time as pages show it, in Vietnam's time zone.
    static func time(_ date: Date) -> String { date.formatted(PageRenderer.vietnamTime) }

    /// A time to the minute in Vietnam's wall clock, `2027-01-20 08:00`.
    static func wallClock(_ date: Date) -> String { VietnamLocalTime.readable(date) }

    /// Each field problem as `label: message`, the label from `PREFIX` + field name.
    func fieldErrors(_ errors: [FieldError], labelPrefix: String) -> [String] {
        errors.map { "\(self(labelPrefix + $0.field)): \($0.message)" }
    }
}

extension PageRenderer {
    /// The strings of a page answering `request`.
    func text(for request: Request) -> PageText { PageText(localizer: localizer, language: Self.language(of: request)) }
}
