import Messaging
import Testing

@Suite("Opt-out replies")
struct OptOutTests {
    @Test("STOP, HUY and TU CHOI in any case, with or without diacritics, are requests to stop", arguments: [
        "STOP", "stop", " Stop ", "STOP BLUEZONE", "HUY", "huỷ", "Hủy", "TU CHOI", "từ chối", "Từ   Chối nhận tin", "tu-choi",
    ])
    func requests(text: String) {
        #expect(OptOut.isRequest(text))
    }

    @Test("other replies are not", arguments: ["", "STOPPED", "Xin chào", "Tôi không muốn từ chối", "HUYEN", "TU", "CHOI"])
    func others(text: String) {
        #expect(!OptOut.isRequest(text))
    }

    @Test("the confirmation fits one GSM-7 SMS")
    func confirmation() {
        let message = SMSMessage(OptOut.confirmation)
        #expect(message.encoding == .gsm7 && message.partCount == 1)
    }
}
