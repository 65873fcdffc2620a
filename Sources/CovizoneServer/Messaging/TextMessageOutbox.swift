import CovizoneStore
import Foundation
import Logging

/// Where the server's single texts go (one-time codes, reminders): the `text_messages` outbox,
/// which the messaging layer (issue 6, SMPP) sends from. While no SMS gateway is set up, each
/// text is also written to the log (`--no-text-message-log` turns that off), so that a developer
/// can read a one-time code.
struct TextMessageOutbox: Sendable {
    let messages: TextMessageRepository
    let logger: Logger
    let writesToLog: Bool

    /// Queues `body` for `phone`. A text that carries a lasting secret (an invitation link, valid
    /// for days) passes `bodyInLog: false`: whoever needs it got it another way, so its body never
    /// reaches the log.
    func enqueue(_ body: String, to phone: String, purpose: String, at now: Date, bodyInLog: Bool = true) async throws {
        try await messages.enqueue(phone: phone, body: body, purpose: purpose, at: now)
        if writesToLog {
            logger.notice(
                "text message queued", metadata: ["sms.to": "\(phone)", "sms.purpose": "\(purpose)", "sms.body": "\(bodyInLog ? body : "(withheld)")"]
            )
        }
    }
}
