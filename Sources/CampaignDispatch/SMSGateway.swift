import Foundation
import Logging
import Messaging
import SMPPTransport

/// The SMPP clients of the configured SMSC connections, and which carries each operator's
/// messages (its own connection, else `*`).
public final class SMSGateway: Sendable {
    /// One connection and its client.
    public struct Route: Sendable {
        public let connection: SMSCConnection
        public let client: SMPPClient

        public var name: String { connection.name }
        /// Messages this route may have claimed at once (and a stopped dispatcher may leave
        /// unconfirmed): what each bind's window holds and a reserve waiting behind it, as large as
        /// the window and at least ``minimumReserve``, so that a small window never waits for the
        /// store's next claim.
        var capacity: Int {
            let client = connection.client
            return client.binds * (client.window + max(client.window, Self.minimumReserve))
        }

        static let minimumReserve = 32
    }

    public let routes: [Route]
    /// Each route with the operators whose messages it carries.
    let operatorsByRoute: [(route: Route, operators: [String])]

    public init(connections: [SMSCConnection], logger: Logger) {
        let routes = connections.map { connection in
            var logger = logger
            logger[metadataKey: "smsc"] = "\(connection.name)"
            return Route(connection: connection, client: SMPPClient(configuration: connection.client, logger: logger))
        }
        self.routes = routes
        operatorsByRoute = routes.compactMap { route in
            let operators = MobileOperator.all.map(\.id).filter { Self.route(for: $0, among: routes)?.name == route.name }
            return operators.isEmpty ? nil : (route, operators)
        }
    }

    /// The route of `operatorID`'s messages (its own connection, else `*`), or nil when none carries them.
    private static func route(for operatorID: String, among routes: [Route]) -> Route? {
        routes.first { $0.connection.operator == operatorID } ?? routes.first { $0.connection.operator == "*" }
    }

    /// Keeps every connection bound and hands what the SMSCs send to `deliver`, until cancelled.
    public func run(deliver: @escaping @Sendable (SMPPDelivery, Route) -> Void) async {
        await withDiscardingTaskGroup { group in
            for route in routes {
                group.addTask { await route.client.run() }
                group.addTask {
                    for await delivery in route.client.inbound { deliver(delivery, route) }
                }
            }
        }
    }
}
