import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Messaging

/// What notification providers tell of the messages sent through their HTTP APIs: a receipt,
/// proven with the provider's callback token, settles its message as an SMSC's receipt would.
struct DeliveryReceiptService: Sendable {
    let queue: OutboundQueueRepository
    let providers: [HTTPProvider]
    let clock: WallClock

    /// How a provider says what became of a message.
    enum Outcome: String, Sendable {
        case delivered, failed
    }

    /// The provider `name`, when `token` is its callback token.
    func provider(named name: String, token: String?) throws -> HTTPProvider {
        guard let provider = providers.first(where: { $0.name == name }), let expected = provider.callbackToken else {
            throw ReceiptError.unknownProvider(name)
        }
        guard let token, SecretToken.constantTimeEquals(token, expected) else { throw ReceiptError.wrongToken }
        return provider
    }

    /// Applies `provider`'s receipt for the message sent with `key`.
    func apply(from provider: HTTPProvider, key: String, outcome: Outcome, error: String?) async throws {
        let applied = try await queue.applyReceipt(
            smsc: provider.smscName, smscID: key, state: outcome == .delivered ? .delivered : .undeliverable, error: error.map { String($0.prefix(200)) },
            at: clock.now
        )
        guard applied else { throw ReceiptError.unknownMessage(key) }
    }
}
