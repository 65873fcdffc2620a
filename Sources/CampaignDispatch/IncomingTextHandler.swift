import CovizoneCore
import Foundation
import Messaging

/// Answers the texts from phones that a keyword sends to another domain: a question for
/// official information (`HOI …`), a tip for the misinformation desk (`TINGIA …`).
public protocol IncomingTextHandler: Sendable {
    /// Handles `command` (never `.optOut` or `.unknown`) from `phone`; returns the text to send
    /// back, or nil for none.
    func reply(to command: IncomingKeywords.Command, from phone: PhoneNumber, at now: Date) async throws -> IncomingTextReply?
}

/// The text sent back to a phone, and what it is for (the queue's `purpose`).
public struct IncomingTextReply: Sendable, Equatable {
    public var text: String
    public var purpose: String

    public init(text: String, purpose: String) {
        self.text = text
        self.purpose = purpose
    }
}

/// Several domains' handlers as one: each command goes to the first that answers it.
public struct IncomingTextHandlers: IncomingTextHandler {
    let handlers: [any IncomingTextHandler]

    public init(_ handlers: [any IncomingTextHandler]) {
        self.handlers = handlers
    }

    public func reply(to command: IncomingKeywords.Command, from phone: PhoneNumber, at now: Date) async throws -> IncomingTextReply? {
        for handler in handlers {
            if let reply = try await handler.reply(to: command, from: phone, at: now) { return reply }
        }
        return nil
    }
}
