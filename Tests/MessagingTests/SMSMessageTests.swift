import CovizoneCore
import Foundation
import Messaging
import PropertyBased
import Testing

@Suite("SMS text: encoding, length and parts")
struct SMSMessageTests {
    @Test("GSM 03.38 text: 160 septets fit one SMS, 161 take two parts of at most 153")
    func gsmLimits() {
        let single = SMSMessage(String(repeating: "a", count: 160))
        #expect(single.encoding == .gsm7 && single.length == 160 && single.partCount == 1)
        let double = SMSMessage(String(repeating: "a", count: 161))
        #expect(double.partCount == 2 && double.parts.map(\.count) == [153, 8])
        #expect(SMSMessage(String(repeating: "a", count: 306)).partCount == 2)
        #expect(SMSMessage(String(repeating: "a", count: 307)).partCount == 3)
        #expect(SMSMessage(String(repeating: "a", count: 161), reference: .sixteenBit).parts.map(\.count) == [152, 9])
    }

    @Test("extension characters count two septets, and a part never ends between escape and character")
    func extensionCharacters() {
        for character in ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\u{0C}"] {
            #expect(SMSMessage(character).length == 2, "\(character)")
        }
        #expect(SMSMessage(String(repeating: "€", count: 80)).partCount == 1, "160 septets")
        let straddling = SMSMessage(String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 10))
        #expect(straddling.length == 164 && straddling.parts.first == String(repeating: "a", count: 152), "the euro moves whole to the next part")
        #expect(straddling.parts.last?.hasPrefix("€") == true)
    }

    @Test("one character outside the alphabet makes it UCS-2: 70 units fit one SMS, then parts of 67")
    func ucs2Limits() {
        #expect(SMSMessage("Xin chào").encoding == .gsm7, "à is in the GSM alphabet")
        let vietnamese = SMSMessage("Xin chào bạn")
        #expect(vietnamese.encoding == .ucs2 && vietnamese.length == 12)
        #expect(SMSMessage(String(repeating: "ạ", count: 70)).partCount == 1)
        let long = SMSMessage(String(repeating: "ạ", count: 71))
        #expect(long.parts.map(\.count) == [67, 4])
        #expect(SMSMessage(String(repeating: "ạ", count: 71), reference: .sixteenBit).parts.map(\.count) == [66, 5])
    }

    @Test("a surrogate pair counts two units and is never cut")
    func surrogatePairs() {
        let message = SMSMessage(String(repeating: "a", count: 66) + "😷" + "b")
        #expect(message.encoding == .ucs2 && message.length == 69 && message.partCount == 1)
        let split = SMSMessage(String(repeating: "a", count: 66) + "😷" + String(repeating: "b", count: 10))
        #expect(split.parts.first == String(repeating: "a", count: 66) && split.parts[1].hasPrefix("😷"))
    }

    @Test("decomposed Vietnamese is composed first, so it counts as typed")
    func composition() {
        let decomposed = "Vie\u{0323}\u{0302}t Nam"  // ệ written as e + dot below + circumflex
        #expect(decomposed.unicodeScalars.count == 10)
        #expect(SMSMessage(decomposed).length == 8 && SMSMessage(decomposed) == SMSMessage("Việt Nam"))
    }

    @Test("a 145-character Vietnamese message is 3 UCS-2 parts, but 1 GSM-7 part without diacritics")
    func withoutDiacritics() {
        let text = "Bộ Y tế khuyến cáo: đeo khẩu trang, rửa tay, giữ khoảng cách, không tụ tập. Hãy cài Bluezone để được cảnh báo sớm nếu tiếp xúc với người bệnh!!!!"
        #expect(text.count == 145)
        let withMarks = SMSMessage(text)
        #expect(withMarks.encoding == .ucs2 && withMarks.partCount == 3)
        let plain = SMSMessage(VietnameseText.withoutDiacritics(text))
        #expect(plain.encoding == .gsm7 && plain.partCount == 1 && plain.length == 145)
        #expect(VietnameseText.withoutDiacritics("Đường Điện Biên Phủ, Thừa Thiên Huế") == "Duong Dien Bien Phu, Thua Thien Hue")
    }

    @Test("short messages for SMPP: one part bare; several parts behind an 8- or 16-bit concatenation header")
    func shortMessages() {
        #expect(SMSMessage("Hi €").shortMessages(reference: 7) == [[0x48, 0x69, 0x20, 0x1B, 0x65]])
        #expect(SMSMessage("Hi €").dataCoding == 0 && SMSMessage("Chào bạn").dataCoding == 8)
        let long = SMSMessage(String(repeating: "ạ", count: 71))
        let parts = long.shortMessages(reference: 0x1234)
        #expect(parts.count == 2 && parts[0].prefix(6) == [0x05, 0x00, 0x03, 0x34, 0x02, 0x01] && parts[1].prefix(6) == [0x05, 0x00, 0x03, 0x34, 0x02, 0x02])
        #expect(parts[0].count == 6 + 67 * 2 && parts[0].count <= 140 && parts[0][6...7] == [0x1E, 0xA1], "ạ is U+1EA1, big-endian")
        let sixteen = SMSMessage(String(repeating: "a", count: 200), reference: .sixteenBit).shortMessages(reference: 0x1234)
        #expect(sixteen[1].prefix(7) == [0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x02] && sixteen[0].count == 7 + 152)
    }

    @Test("GSM septets decode back to the text; escape codes without a character are refused")
    func gsmRoundTrip() {
        let text = "@£$¥ Hello {world} [1|2] ~€^\\ ÄÖÑÜ§¿äöñüà\r\n"
        let septets = GSM7Alphabet.encode(text)
        #expect(septets.flatMap(GSM7Alphabet.decode) == text)
        #expect(GSM7Alphabet.encode("ạ") == nil)
        #expect(GSM7Alphabet.decode([0x1B, 0x01]) == nil && GSM7Alphabet.decode([0x1B]) == nil && GSM7Alphabet.decode([0x80]) == nil)
    }

    @Test("any text: the parts put together give the text, and each part fits (property-based)")
    func anyText() async {
        let characters = Gen.oneOf(Gen.ascii.string(of: 0...400), Gen.character(in: "à"..."ỹ").string(of: 0...200), Gen.always("€{}😷ệ\r\n"))
        await propertyCheck(count: 200, input: characters, Gen.int(in: 1...4)) { text, repeats in
            let message = SMSMessage(String(repeating: text, count: repeats))
            #expect(message.parts.joined() == message.text)
            // On the wire: at most 160 septets or 140 octets alone; a part's header plus 153 septets or 134 octets.
            let single = message.encoding == .gsm7 ? 160 : 140
            let part = message.encoding == .gsm7 ? 6 + 153 : 140
            for octets in message.shortMessages(reference: 1) {
                #expect(octets.count <= (message.partCount == 1 ? single : part))
            }
        }
    }
}
