import CampaignDispatch
import Foundation
import Messaging
import SMPPTransport

/// The model of `GET /campaigns/gateways`: each configured SMSC connection, its binds and the
/// pace it was set and has learnt.
struct GatewaysPage: Sendable {
    struct Gateway: Sendable {
        var `operator`: String
        var address: String
        var systemId: String
        var binds: Int
        var bound: Int
        var window: Int
        var partsPerSecond: String
        var learntRates: String
    }

    var gateways: [Gateway]
    var hasGateways: Bool

    init(connections: [SMSCConnection], gateway: SMSGateway?) {
        let clients = gateway?.routes.reduce(into: [String: SMPPClient]()) { $0[$1.name] = $1.client } ?? [:]
        gateways = connections.map { connection in
            let client = connection.client
            let learnt = clients[connection.name]?.learntRates ?? []
            return Gateway(
                operator: connection.operator == "*" ? "*" : MobileOperator.named(connection.operator)?.name ?? connection.operator,
                address: "\(connection.host):\(connection.port)", systemId: connection.systemId, binds: client.binds,
                bound: clients[connection.name]?.boundCount ?? 0, window: client.window,
                partsPerSecond: connection.partsPerSecond.map { String(format: "%.0f", $0) } ?? "–",
                learntRates: learnt.contains { $0 != nil } ? learnt.map { $0.map { String(format: "%.0f", $0) } ?? "–" }.joined(separator: " · ") : "–"
            )
        }
        hasGateways = !gateways.isEmpty
    }
}
