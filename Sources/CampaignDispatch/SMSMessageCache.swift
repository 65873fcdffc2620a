import Messaging
import NIOConcurrencyHelpers

/// Bodies already segmented and encoded: a round sends the same body (one per province) to
/// every recipient, so each is composed, measured and encoded once rather than per message.
final class SMSMessageCache: Sendable {
    private let messages = NIOLockedValueBox<[String: SMSMessage]>([:])
    private let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// `body` as an SMS, from the cache when it was seen before.
    func message(for body: String) -> SMSMessage {
        if let known = messages.withLockedValue({ $0[body] }) { return known }
        let message = SMSMessage(body)
        messages.withLockedValue { messages in
            // Single texts (codes, warnings) differ each time: start over rather than grow.
            if messages.count >= capacity { messages.removeAll(keepingCapacity: true) }
            messages[body] = message
        }
        return message
    }
}
