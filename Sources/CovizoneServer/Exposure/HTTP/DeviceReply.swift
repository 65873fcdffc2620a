import CovizoneCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Responses of the device API (verification and key server), shaped as Google's servers shape
/// them so that existing exposure notification apps read them, and padded with random data so
/// that their size does not tell an observer whether someone just reported a diagnosis.
enum DeviceReply {
    /// Which of Google's two error shapes an endpoint uses.
    enum ErrorStyle {
        /// Verification server: `{"error": message, "errorCode": code}`.
        case verification
        /// Key server: `{"code": code, "error": message}`.
        case keyServer
    }

    /// Random base64 of 1–2 KiB (from BoringSSL's generator: one call, not one per byte).
    static func padding() -> String {
        let bytes = SymmetricKey(size: SymmetricKeySize(bitCount: Int.random(in: 1024...2048) * 8))
        return bytes.withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// A 200 with `body`, which carries its own `padding`.
    static func success(_ body: some Encodable) -> Response {
        response(.ok, body: body, contentType: "application/json")
    }

    /// An error in the endpoint's shape that is also an RFC 9457 problem document.
    static func failure(_ status: HTTPResponse.Status, code: String, message: String, style: ErrorStyle) -> Response {
        let body = Failure(
            title: status.reasonPhrase, status: status.code, detail: message, error: message,
            errorCode: style == .verification ? code : nil, code: style == .keyServer ? code : nil, padding: padding()
        )
        return response(status, body: body, contentType: "application/problem+json")
    }

    /// What a chaff request gets back: nothing but padding.
    static func chaff() -> Response { success(["padding": padding()]) }

    private struct Failure: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var error: String
        var errorCode: String?
        var code: String?
        var padding: String
    }

    private static func response(_ status: HTTPResponse.Status, body: some Encodable, contentType: String) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// Remembers how long real device requests take, so that chaff requests (`X-Chaff`) can take as
/// long and be told apart neither by their answer nor by their timing.
final class ChaffLatency: Sendable {
    private let averages = NIOLockedValueBox<[String: Double]>([:])

    /// Records a real request's duration (an exponentially weighted mean per endpoint).
    func record(_ endpoint: String, seconds: Double) {
        averages.withLockedValue { averages in
            averages[endpoint] = averages[endpoint].map { $0 * 0.9 + seconds * 0.1 } ?? seconds
        }
    }

    /// Waits about as long as a real request to `endpoint`, then answers with padding.
    func answer(_ endpoint: String) async throws -> Response {
        let mean = averages.withLockedValue { $0[endpoint] } ?? 0.02
        try await Task.sleep(for: .seconds(mean * Double.random(in: 0.8...1.2)))
        return DeviceReply.chaff()
    }

    /// Runs a real request and records how long it took.
    func measure(_ endpoint: String, _ body: () async throws -> Response) async rethrows -> Response {
        let started = ContinuousClock.now
        let response = try await body()
        record(endpoint, seconds: (ContinuousClock.now - started).timeInterval)
        return response
    }
}

extension Request {
    /// Whether the phone marked this request as chaff (cover traffic) with `X-Chaff`.
    var isChaff: Bool { headers[HTTPField.Name("X-Chaff")!] != nil }
}
