import Messaging
import Testing

@Suite("Message templates")
struct MessageTemplateTests {
    @Test("variables are filled in; doubled braces write a brace")
    func render() throws {
        let template = try MessageTemplate("Kính gửi {name}, hãy cài Bluezone tại {link}. {{Sở TT&TT {province}}}", variables: ["name", "link", "province"])
        #expect(template.variables == ["name", "link", "province"])
        #expect(try template.render(["name": "anh An", "link": "bluezone.vn", "province": "Hà Nội"]) == "Kính gửi anh An, hãy cài Bluezone tại bluezone.vn. {Sở TT&TT Hà Nội}")
        #expect(throws: MessageTemplate.Problem.missingValue("link")) { try template.render(["name": "An", "province": "HN"]) }
    }

    @Test("unknown variables, broken braces and bad names are refused with a reason")
    func problems() {
        #expect(throws: MessageTemplate.Problem.unknownVariable("ten")) { try MessageTemplate("Chào {ten}", variables: ["name"]) }
        #expect(throws: MessageTemplate.Problem.unclosedBrace) { try MessageTemplate("Chào {name", variables: ["name"]) }
        #expect(throws: MessageTemplate.Problem.invalidName("Name")) { try MessageTemplate("Chào {Name}", variables: ["name"]) }
        #expect(throws: MessageTemplate.Problem.invalidName("")) { try MessageTemplate("Chào {}", variables: ["name"]) }
        #expect(MessageTemplate.Problem.unknownVariable("ten").description == "unknown variable {ten}")
    }

    @Test("a message longer than the allowed parts is refused; without diacritics it may fit")
    func parts() throws {
        let template = try MessageTemplate("{name}: Bộ Y tế khuyến cáo đeo khẩu trang, rửa tay, giữ khoảng cách, không tụ tập, cài Bluezone để được cảnh báo sớm.", variables: ["name"])
        #expect(throws: MessageTemplate.Problem.tooManyParts(parts: 2, maximum: 1)) { try template.message(["name": "Anh An"], maximumParts: 1) }
        let plain = try template.message(["name": "Anh An"], maximumParts: 1, withoutDiacritics: true)
        #expect(plain.encoding == .gsm7 && plain.partCount == 1)
    }
}
