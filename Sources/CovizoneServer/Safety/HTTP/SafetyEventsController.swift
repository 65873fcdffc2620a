import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /api/v1/safety/events`: a server-sent-events stream of facilities' colour changes
/// (`event: facility`, `data: {"id", "status", "score", "reportedAt"}`) for the live map. A client
/// that reconnects with `Last-Event-ID` first receives what it missed; a stream ends after half an
/// hour (the browser reconnects on its own) or when the server shuts down.
struct SafetyEventsController: Sendable {
    let hub: SafetyEventHub
    static let streamLifetime: Duration = .seconds(1800)

    struct EventData: Encodable {
        var id: Int64
        var status: String
        var score: Int?
        var reportedAt: Date?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(status, forKey: .status)
            try container.encode(score, forKey: .score)
            try container.encode(reportedAt, forKey: .reportedAt)
        }

        private enum CodingKeys: String, CodingKey {
            case id, status, score, reportedAt
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safety/events", use: events)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let lastID = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap(Int64.init)
        let missed = lastID == nil ? [] : try await hub.missed(after: lastID ?? 0)
        guard let subscription = await hub.subscribe() else {
            throw APIError(.serviceUnavailable, "The live map is full on this server; try again shortly.", headers: [.retryAfter: "10"], code: "busy")
        }
        let deadline = ContinuousClock.now + Self.streamLifetime
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                for event in missed { try await writer.write(ByteBuffer(string: try Self.frame(event))) }
                // A shutting-down server ends the stream, so that the open connection does not hold it up.
                try await withGracefulShutdownHandler {
                    for await message in subscription.messages {
                        switch message {
                        case .event(let event): try await writer.write(ByteBuffer(string: try Self.frame(event)))
                        case .heartbeat: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                        if ContinuousClock.now > deadline { break }
                    }
                } onGracefulShutdown: {
                    Task { await hub.end(subscription.id) }
                }
                try await writer.finish(nil)
            }
        )
    }

    /// One event as the stream carries it.
    static func frame(_ event: SafetyEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(EventData(id: event.facilityID, status: event.status.rawValue, score: event.score, reportedAt: event.reportedAt))
        return "id: \(event.id)\nevent: facility\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}
