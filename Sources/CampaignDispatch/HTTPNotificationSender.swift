import AsyncHTTPClient
import CovizoneStore
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one message through a Zalo-style notification service: `POST url` with
/// `{"templateId", "phone", "params", "idempotencyKey"}` (JSON), the provider's token as a
/// bearer token and the key again in `Idempotency-Key`. A 2xx answer means the provider took it
/// (its delivery comes later by callback); a network failure, 429 or 5xx is tried again after a
/// wait that doubles; any other answer fails the message with the provider's words.
struct HTTPNotificationSender: Sendable {
    let provider: HTTPProvider
    let client: HTTPClient

    /// What the provider receives: its template, the phone without `+`, the template's values,
    /// and the key that makes a repeated request harmless.
    struct Notification: Encodable {
        var templateId: String
        var phone: String
        var params: [String: String]
        var idempotencyKey: String
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The key a message is sent with, the same at every try and after a restart.
    static func idempotencyKey(of message: OutboundMessage) -> String { "covizone-\(message.id)" }

    func send(_ message: OutboundMessage, templateID: String, params: [String: String]) async -> SubmissionResult {
        let key = Self.idempotencyKey(of: message)
        let body = Notification(templateId: templateID, phone: String(message.phone.dropFirst()), params: params, idempotencyKey: key)
        guard let json = try? Self.encoder.encode(body) else { return .failed(reason: "the message could not be written as JSON") }
        var request = HTTPClientRequest(url: provider.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: key)
        if let token = provider.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: json))
        var delay = provider.retryDelaySeconds ?? 1
        var last = ""
        let attempts = provider.maxAttempts ?? 5
        for attempt in 1...attempts {
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                switch response.status.code {
                case 200..<300: return .submitted(smscIDs: [key])
                case 429, 500..<600: last = "HTTP \(response.status.code) \(text.prefix(200))"
                default: return .failed(reason: "\(provider.name) refused it: HTTP \(response.status.code) \(text.prefix(200))")
                }
            } catch {
                last = "\(error)"
            }
            if attempt < attempts {
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                delay *= 2
            }
        }
        return .failed(reason: "\(provider.name) did not take it after \(attempts) tries: \(last)")
    }
}
