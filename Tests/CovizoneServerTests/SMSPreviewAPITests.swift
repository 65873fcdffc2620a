import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("SMS preview")
struct SMSPreviewAPITests {
    @Test("a Vietnamese text's parts, and what writing it without diacritics saves; bad texts are 422")
    func preview() async throws {
        try await TestServer.run { _, client in
            let text = "Hãy cài Bluezone để được cảnh báo sớm nếu bạn tiếp xúc với người bệnh COVID-19, giữ khoảng cách và đeo khẩu trang nơi đông người."
            let preview = try await client.postJSON("/api/v1/sms/preview", ["text": text]).json()
            #expect(preview["encoding"] as? String == "UCS2" && preview["parts"] as? Int == 2 && preview["chars"] as? Int == text.count)
            #expect((preview["partTexts"] as? [String])?.joined() == text)
            let plain = try #require(preview["withoutDiacritics"] as? [String: Any])
            #expect(plain["encoding"] as? String == "GSM7" && plain["parts"] as? Int == 1)
            #expect((plain["text"] as? String)?.hasPrefix("Hay cai Bluezone de duoc canh bao") == true)
            let chosen = try await client.postJSON("/api/v1/sms/preview", ["text": text, "noDiacritics": true]).json()
            #expect(chosen["encoding"] as? String == "GSM7")
            #expect(try await client.postJSON("/api/v1/sms/preview", ["text": ""]).status == .unprocessableContent)
            #expect(try await client.postJSON("/api/v1/sms/preview", ["text": String(repeating: "a", count: 2001)]).status == .unprocessableContent)
            #expect(try await client.postJSON("/api/v1/sms/preview", ["message": "hi"]).status == .unprocessableContent)
        }
    }
}
