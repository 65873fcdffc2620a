import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Logging

/// Runs `body` with a campaign dispatcher of `database` whose gateway is bound to `smsc` (none:
/// HTTP providers only) and whose receipts and MO messages are processed; the test drives its
/// cycles (`dispatchOnce`, `flush`). `incoming` answers questions and tips from phones.
public func withDispatcher(
    database: Database, settings: MessagingSettings, divisions: AdministrativeDivisions, clock: WallClock, smsc: SMSCSimulator?,
    window: Int = 10, responseTimeout: Double? = nil, incoming: (any IncomingTextHandler)? = nil, _ body: @Sendable (OutboundDispatcher) async throws -> Void
) async throws {
    var logger = Logger(label: "test.dispatch")
    logger.logLevel = .warning
    let connections = smsc.map {
        [SMSCConnection(operator: "*", host: "127.0.0.1", port: $0.smppPort, systemId: "covizone", password: "secret", window: window, responseTimeoutSeconds: responseTimeout)]
    }
    let gateway = SMSGateway(connections: connections ?? [], logger: logger)
    let dispatcher = OutboundDispatcher(
        database: database, settings: settings, divisions: divisions, clock: clock, gateway: gateway, incoming: incoming, logger: logger
    )
    let running = Task {
        await withDiscardingTaskGroup { group in
            group.addTask { await gateway.run { delivery, route in dispatcher.deliver(delivery, from: route) } }
            group.addTask { await dispatcher.processDeliveries() }
        }
    }
    defer { running.cancel() }
    // Under the whole suite's load (Chromium, PostgreSQL, other simulators) a bind can take over 10 s.
    try await waitUntil("bound", seconds: 30) { gateway.routes.allSatisfy { $0.client.boundCount == 1 } }
    try await body(dispatcher)
    running.cancel()
    await running.value
}
