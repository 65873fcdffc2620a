import CovizoneCore
import Foundation
import Testing

@Suite("Personal QR codes")
struct PersonalQRTests {
    @Test("the national personal QR: masked or full ID, name, birth date, identifier type, QID and a phone in EXT")
    func national() throws {
        let person = try PersonalIdentity.parse("******509|Nguyễn Văn C|1989/3/3|0|QRQG12345|1<GD4877*******<0912345678")
        #expect(person.source == .nationalPersonalQR)
        #expect(person.documentNumber == "******509" && person.fullName == "Nguyễn Văn C")
        #expect(person.birthDate == CalendarDate(year: 1989, month: 3, day: 3))
        #expect(person.qrID == "QRQG12345" && !person.declaredOnBehalf && person.phone == "0912345678")
        let onBehalf = try PersonalIdentity.parse("001099012345|Trần  Thị   B|03/03/2015|1||")
        #expect(onBehalf.declaredOnBehalf && onBehalf.fullName == "Trần Thị B" && onBehalf.qrID == nil && onBehalf.phone == nil)
        #expect(onBehalf.birthDate.description == "2015-03-03")
    }

    @Test("produced text reads back as the same identity")
    func roundTrip() throws {
        let person = PersonalIdentity(
            source: .nationalPersonalQR, documentNumber: "079123456789", fullName: "Lê Văn Đức",
            birthDate: try #require(CalendarDate(year: 2000, month: 2, day: 29)), qrID: "Q-1", declaredOnBehalf: true, phone: "0987654321"
        )
        #expect(try PersonalIdentity.parse(person.nationalQRText) == person)
    }

    @Test("the chip ID card QR: 12-digit ID, old ID, name, ddMMyyyy birth date; the address is not kept")
    func card() throws {
        let person = try PersonalIdentity.parse("001099012345|123456789|Phạm Minh Tuấn|24121990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01072021")
        #expect(person.source == .citizenIDCard && person.documentNumber == "001099012345" && person.fullName == "Phạm Minh Tuấn")
        #expect(person.birthDate == CalendarDate(year: 1990, month: 12, day: 24))
        #expect(try PersonalIdentity.parse("001099012345||Phạm Minh Tuấn|24121990|Nam|Hà Nội|01072021").documentNumber == "001099012345")
    }

    @Test("malformed codes are refused with the reason", arguments: [
        ("just text", PersonalQRError.unknownFormat),
        ("12345|Nguyễn Văn C|1989/3/3|0|Q|", .invalidDocumentNumber),
        ("123456789|N|1989/3/3|0|Q|", .invalidName),
        ("123456789|Nguyễn Văn 3|1989/3/3|0|Q|", .invalidName),
        ("123456789|Nguyễn Văn C|1989/2/30|0|Q|", .invalidBirthDate),
        ("123456789|Nguyễn Văn C|yesterday|0|Q|", .invalidBirthDate),
        ("123456789|Nguyễn Văn C|1989/3/3|2|Q|", .invalidIdentifierType),
        ("123456789|Nguyễn Văn C|1989/3/3|0|Q<script>|", .invalidQRID),
        ("00109901234|123456789|Phạm Minh Tuấn|24121990|Nam|Hà Nội|01072021", .invalidDocumentNumber),
        ("001099012345|12345|Phạm Minh Tuấn|24121990|Nam|Hà Nội|01072021", .invalidDocumentNumber),
        ("001099012345|123456789|Phạm Minh Tuấn|1990-12-24|Nam|Hà Nội|01072021", .invalidBirthDate),
    ])
    func malformed(text: String, error: PersonalQRError) {
        #expect(throws: error) { try PersonalIdentity.parse(text) }
    }

    @Test("document numbers: 9 or 12 digits, or a passport letter and 7-8 digits")
    func documentNumbers() {
        #expect(PersonalIdentity.isDocumentNumber("123456789") && PersonalIdentity.isDocumentNumber("001099012345"))
        #expect(PersonalIdentity.isDocumentNumber("C1234567") && PersonalIdentity.isDocumentNumber("B12345678"))
        #expect(!PersonalIdentity.isDocumentNumber("12345678") && !PersonalIdentity.isDocumentNumber("CC123456") && !PersonalIdentity.isDocumentNumber("*********"))
        #expect(!PersonalIdentity.isDocumentNumber("******509") && PersonalIdentity.isDocumentNumber("******509", allowingMask: true))
    }

    @Test("Vietnamese wall-clock times from forms name the right instant")
    func localTime() throws {
        let date = try #require(VietnamLocalTime.date(from: "2026-11-23T14:30"))
        #expect(date == Date(timeIntervalSince1970: 1_795_419_000))  // 07:30 UTC
        #expect(VietnamLocalTime.string(of: date) == "2026-11-23T14:30")
        #expect(VietnamLocalTime.date(from: "2026-02-30T10:00") == nil && VietnamLocalTime.date(from: "soon") == nil)
    }
}
