import Messaging
import Testing

@Suite("Keywords of texts from phones")
struct IncomingKeywordsTests {
    let keywords = IncomingKeywords()

    @Test("STOP, HUY and TU CHOI in any case, with or without diacritics, are requests to stop", arguments: [
        "STOP", "stop", " Stop ", "STOP BLUEZONE", "HUY", "huỷ", "Hủy", "TU CHOI", "từ chối", "Từ   Chối nhận tin", "tu-choi",
    ])
    func optOuts(text: String) {
        #expect(keywords.route(text) == .optOut)
    }

    @Test("other texts are not", arguments: ["", "STOPPED", "Xin chào", "Tôi không muốn từ chối", "HUYEN", "TU", "CHOI", "HOIAN"])
    func others(text: String) {
        #expect(keywords.route(text) == .unknown)
    }

    @Test("a question and a tip keep what follows their keyword as written")
    func questionsAndTips() {
        #expect(keywords.route("HOI Xét nghiệm ở đâu?") == .question("Xét nghiệm ở đâu?"))
        #expect(keywords.route("  hỏi   cách ly tại nhà") == .question("cách ly tại nhà"))
        #expect(keywords.route("HOI") == .question(""))
        #expect(keywords.route("Tin giả TINGIA") == .unknown)
        #expect(keywords.route("tingia: uống nước muối chữa được Covid") == .tip("uống nước muối chữa được Covid"))
    }

    @Test("keywords are settings: read from text, the others keep their defaults, a word twice or a blank one is refused")
    func settings() throws {
        let custom = try #require(IncomingKeywords.parse("question=HOI|HỎI ĐÁP, tip=TIN GIA"))
        #expect(custom.optOut == ["STOP", "HUY", "TU CHOI"])
        #expect(custom.route("hoi dap F0 là gì") == .question("F0 là gì"), "the longest keyword wins")
        #expect(custom.route("tin gia abc") == .tip("abc"))
        #expect(custom.route("TINGIA abc") == .unknown)
        #expect(IncomingKeywords.parse("question=STOP") == nil)
        #expect(IncomingKeywords.parse("question=") == nil)
        #expect(IncomingKeywords.parse("question=HOI|?") == nil)
        #expect(IncomingKeywords.parse("answer=HOI") == nil)
    }

    @Test("the opt-out confirmation fits one GSM-7 SMS")
    func confirmation() {
        let message = SMSMessage(OptOut.confirmation)
        #expect(message.encoding == .gsm7 && message.partCount == 1)
    }
}
