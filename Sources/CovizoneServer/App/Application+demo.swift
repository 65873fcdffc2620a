import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import NIOCore
import SMPPTransport

/// What `serve --demo` adds to a server: an SMSC in the process that every text goes to, and
/// the demo world built through the services.
enum DemoMode {
    /// Every 23rd demo text gets an UNDELIV receipt, so that the figures show failures too.
    static let undeliverableEvery = 23
    /// How long the simulator's receipts take: a few of the demo dispatcher's cycles, so that the
    /// round's chart shows texts accepted before they are delivered.
    static let receiptDelay = TimeAmount.milliseconds(300)

    /// In demo mode, starts the in-process SMSC and points the messaging configuration at it
    /// alone: demo texts never reach an operator, whatever `--messaging-config` says. Returns
    /// the configuration to run with and the SMSC's channel (nil out of demo mode).
    static func prepare(_ configuration: ServerConfiguration, announce: (String) -> Void) async throws -> (ServerConfiguration, (any Channel)?) {
        guard configuration.demo else { return (configuration, nil) }
        var configuration = configuration
        let channel = try await LoopbackSMSC.start(undeliverableEvery: undeliverableEvery, receiptDelay: receiptDelay)
        let port = channel.localAddress?.port ?? 0
        let ignored = configuration.messaging.connections.count + configuration.messaging.httpProviders.count
        configuration.messaging.connections = [SMSCConnection(operator: "*", host: "127.0.0.1", port: port, systemId: "covizone-demo", password: "demo")]
        configuration.messaging.httpProviders = []
        announce(
            "Demo mode: every text goes to the SMSC simulator in this process (127.0.0.1:\(port)), never to an operator"
                + (ignored > 0 ? "; the \(ignored) SMSC connection(s) and HTTP provider(s) of the messaging configuration are not used." : ".")
        )
        return (configuration, channel)
    }

    /// Builds the days of the demo world that are missing, through services on a demo clock.
    static func buildWorld(environment: AppEnvironment, logger: Logger, announce: (String) -> Void) async throws {
        let database = environment.database
        let world = DemoWorld(
            services: { clock in AppServices(environment: environment.onClock(clock), logger: logger) }, users: environment.users,
            sessions: environment.sessions, texts: TextMessageRepository(database: database), demoDays: DemoDayRepository(database: database),
            database: database, messaging: environment.configuration.messaging, divisions: environment.divisions,
            healthAuthorityID: environment.configuration.exposure.healthAuthorityID, logger: logger
        )
        announce(try await world.build(now: environment.clock.now))
    }
}

/// `covizone demo`: builds the demo world into the configured store without serving it (the
/// missing days, or, with `reset`, everything again from an empty store). A reset is refused on
/// a store that holds accounts other than `admin` and the demo's, or that was never a demo.
public func buildDemoStore(
    configuration: ServerConfiguration, reset: Bool, clock: WallClock = .system, announce: @escaping @Sendable (String) -> Void = { print($0) }
) async throws {
    var logger = Logger(label: "covizone.demo")
    logger.logLevel = configuration.logLevel
    var configuration = configuration
    configuration.demo = true
    if reset { try await DemoMode.erase(configuration: configuration, logger: logger, announce: announce) }
    let (demo, smsc) = try await DemoMode.prepare(configuration, announce: announce)
    do {
        let environment = try await buildEnvironment(configuration: demo, clock: clock, announce: announce, logger: logger)
        do {
            try await DemoMode.buildWorld(environment: environment, logger: logger, announce: announce)
        } catch {
            try? await environment.database.shutdown()
            throw error
        }
        try await environment.database.shutdown()
    } catch {
        try? await smsc?.close()
        throw error
    }
    try await smsc?.close()
}

extension DemoMode {
    /// Empties a demo store, after checking that it is one.
    static func erase(configuration: ServerConfiguration, logger: Logger, announce: (String) -> Void) async throws {
        let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
        do {
            let demoNames = Set(FirstStart.demoAccounts.map(\.username) + ["admin"])
            let others = try await UserRepository(database: database).list(provinceCode: nil, afterID: nil, limit: 1000).map(\.username)
                .filter { !demoNames.contains($0) }
            guard others.isEmpty, try await !DemoDayRepository(database: database).days().isEmpty else {
                throw DemoError.notADemoStore(otherAccounts: others)
            }
            try await database.dropAllTables()
        } catch {
            try? await database.shutdown()
            throw error
        }
        try await database.shutdown()
        announce("Emptied the demo store \(configuration.databaseLocation); building it again.")
    }
}
