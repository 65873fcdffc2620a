import ArgumentParser
import Logging
import CovizoneServer

/// Where the store is: the same flags and variables for every command that touches it.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Folder of the embedded SQLite database (env COVIZONE_DATA, default ./covizone-data).")
    var dataDirectory: String?

    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:port/db to use PostgreSQL instead (env COVIZONE_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env COVIZONE_LOG_LEVEL; default info, warning for user commands).")
    var logLevel: String?

    @Option(name: .customLong("password-hash-cost"), help: "bcrypt cost for new passwords, 4-31 (env COVIZONE_PASSWORD_HASH_COST, default 12).")
    var passwordHashCost: UInt8?

    /// Applies these options to `configuration`; `defaultLogLevel` applies when no level is given.
    func apply(to configuration: inout ServerConfiguration, defaultLogLevel: Logger.Level = .info) throws {
        configuration.dataDirectory = try Setting.value(dataDirectory, environment: "COVIZONE_DATA", default: configuration.dataDirectory)
        configuration.databaseURL = Setting.optional(databaseURL, environment: "COVIZONE_DATABASE_URL")
        let level = try Setting.value(logLevel, environment: "COVIZONE_LOG_LEVEL", default: defaultLogLevel.rawValue)
        guard let parsed = Logger.Level(rawValue: level) else { throw ValidationError("unknown log level \(level)") }
        configuration.logLevel = parsed
        configuration.passwordHashCost = try Setting.value(
            passwordHashCost, environment: "COVIZONE_PASSWORD_HASH_COST", default: configuration.passwordHashCost
        )
        let problems = configuration.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
    }
}
