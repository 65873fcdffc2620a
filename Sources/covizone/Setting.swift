import ArgumentParser
import Foundation

/// A setting's value: the command-line flag when given, else its environment variable, else the default.
enum Setting {
    static func value<T: LosslessStringConvertible>(_ flag: T?, environment name: String, default defaultValue: T) throws -> T {
        if let flag { return flag }
        guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else { return defaultValue }
        guard let value = T(text) else { throw ValidationError("\(name)=\(text) is not a valid value") }
        return value
    }

    /// An optional setting with no default.
    static func optional(_ flag: String?, environment name: String) -> String? {
        flag ?? ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A switch: on when the flag is given or the variable is `1`, `true` or `yes`.
    static func flag(_ flag: Bool, environment name: String) -> Bool {
        flag || ["1", "true", "yes"].contains(ProcessInfo.processInfo.environment[name]?.lowercased() ?? "")
    }
}
