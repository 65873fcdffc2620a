import CovizoneCore
import Hummingbird
import Messaging

/// `POST /api/v1/sms/preview` `{text, noDiacritics?}` → the text's encoding, length and parts,
/// and the same without diacritics, so an officer sees what writing without marks saves.
struct SMSPreviewController: Sendable {
    /// Longest text previewed (in characters): far beyond what any campaign should send.
    static let maximumCharacters = 2_000

    struct PreviewRequest: Decodable {
        var text: String
        var noDiacritics: Bool?
    }

    struct Plan: Encodable, Sendable {
        var encoding: String
        var parts: Int
        var chars: Int
        var text: String
        var partTexts: [String]
    }

    struct Preview: ResponseEncodable {
        var encoding: String
        var parts: Int
        var chars: Int
        var partTexts: [String]
        /// The text written without diacritics and what it would cost.
        var withoutDiacritics: Plan
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("sms/preview") { request, context -> Preview in
            let body = try await request.decodeJSON(as: PreviewRequest.self, context: context)
            guard !body.text.isEmpty, body.text.count <= Self.maximumCharacters else {
                throw APIError.invalid([FieldError(field: "text", message: "must be 1 to \(Self.maximumCharacters) characters")])
            }
            let plain = SMSMessage(VietnameseText.withoutDiacritics(body.text))
            let message = body.noDiacritics == true ? plain : SMSMessage(body.text)
            return Preview(
                encoding: message.encoding.rawValue, parts: message.partCount, chars: message.length, partTexts: message.parts,
                withoutDiacritics: Plan(encoding: plain.encoding.rawValue, parts: plain.partCount, chars: plain.length, text: plain.text, partTexts: plain.parts)
            )
        }
    }
}
