import CovizoneStore
import Foundation
import Logging

/// Pushes facilities' colour changes to every live map connected to this instance. While anyone
/// listens, it polls the store's change table (written by whichever instance made the change),
/// so a change reaches every instance's listeners within one poll interval; with nobody
/// listening it does not poll at all.
actor SafetyEventHub {
    /// What a listener receives: a change, or a beat that keeps idle connections open.
    enum Message: Sendable, Equatable {
        case event(SafetyEvent)
        case heartbeat
    }

    private let events: SafetyEventRepository
    private let pollInterval: Duration
    private let heartbeatEvery: Int
    /// The most listeners one instance serves; more are turned away (they retry).
    let capacity: Int
    private let logger: Logger
    private var listeners: [UUID: AsyncStream<Message>.Continuation] = [:]
    private var poller: Task<Void, Never>?

    init(events: SafetyEventRepository, pollInterval: Duration = .milliseconds(250), heartbeat: Duration = .seconds(15), capacity: Int = 5000, logger: Logger) {
        self.events = events
        self.pollInterval = pollInterval
        self.heartbeatEvery = max(1, Int(heartbeat / pollInterval))
        self.capacity = capacity
        self.logger = logger
    }

    /// How many listeners are connected now.
    var listenerCount: Int { listeners.count }

    /// A listener's stream of the changes made from now on, and the id that ends it.
    struct Subscription: Sendable {
        let id: UUID
        let messages: AsyncStream<Message>
    }

    /// Subscribes a listener; nil when the instance is full. The subscription ends when the
    /// listener stops reading the stream or ``end(_:)`` is called.
    func subscribe() -> Subscription? {
        guard listeners.count < capacity else { return nil }
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(1000))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        listeners[id] = continuation
        if poller == nil {
            poller = Task { await self.poll() }
        }
        return Subscription(id: id, messages: stream)
    }

    /// Ends a listener's stream (the server is shutting down).
    func end(_ id: UUID) {
        listeners.removeValue(forKey: id)?.finish()
    }

    /// The changes after `afterID` still kept (a day's), for a listener that reconnects with `Last-Event-ID`.
    func missed(after afterID: Int64) async throws -> [SafetyEvent] {
        try await events.events(after: afterID, limit: 1000)
    }

    private func unsubscribe(_ id: UUID) {
        listeners[id] = nil
    }

    private func poll() async {
        var lastID: Int64
        do {
            lastID = try await events.latestID()
        } catch {
            logger.error("safety events: cannot read the change table", metadata: ["error": "\(error)"])
            lastID = 0
        }
        var beats = 0
        while !listeners.isEmpty && !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            guard !listeners.isEmpty else { break }
            do {
                var batch = try await events.events(after: lastID, limit: 500)
                while !batch.isEmpty {
                    for event in batch { broadcast(.event(event)) }
                    lastID = batch.last?.id ?? lastID
                    batch = batch.count == 500 ? try await events.events(after: lastID, limit: 500) : []
                }
            } catch {
                logger.error("safety events: polling failed", metadata: ["error": "\(error)"])
            }
            beats += 1
            if beats % heartbeatEvery == 0 { broadcast(.heartbeat) }
        }
        poller = nil
    }

    private func broadcast(_ message: Message) {
        for continuation in listeners.values { continuation.yield(message) }
    }
}
