import CovizoneCore
import Foundation
import Testing
import VenueCheckIn

@Suite("Check-in and outbreak input rules")
struct CheckInInputTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a self check-in takes a phone in any Vietnamese form, an app's device id and an offline time within retention")
    func selfCheckIn() throws {
        let app = try SelfCheckIn(
            phone: "0912 345 678", deviceID: "device-1234", time: (now - 3600).formatted(.iso8601), checkoutToken: nil, now: now, retentionDays: 21
        )
        #expect(app.phone == "+84912345678")
        #expect(app.entryMethod == .qrApp)
        #expect(app.time == now - 3600)
        let web = try SelfCheckIn(phone: nil, deviceID: nil, time: nil, checkoutToken: "secret", now: now, retentionDays: 21)
        #expect(web.entryMethod == .qrWeb)
        #expect(web.time == now)
    }

    @Test("a self check-in reports every bad field at once")
    func selfCheckInProblems() {
        #expect(throws: ValidationFailure.self) { try SelfCheckIn(phone: nil, deviceID: nil, time: nil, checkoutToken: "", now: now, retentionDays: 21) }
        do {
            _ = try SelfCheckIn(phone: "12", deviceID: "bad id!", time: (now + 3600).formatted(.iso8601), checkoutToken: nil, now: now, retentionDays: 21)
            Issue.record("accepted bad input")
        } catch {
            #expect(error.errors.map(\.field) == ["phone", "deviceId", "time"])
        }
        do {
            _ = try SelfCheckIn(phone: nil, deviceID: nil, time: (now - 22 * 86_400).formatted(.iso8601), checkoutToken: nil, now: now, retentionDays: 21)
            Issue.record("accepted a time older than retention")
        } catch {
            #expect(error.errors == [FieldError(field: "time", message: "is older than the 21 days visits are kept")])
        }
    }

    @Test("staff check in a person by ID number with a phone, or ask for one of QR, ID number and phone")
    func staffCheckIn() throws {
        let typed = try StaffCheckIn(personalQR: nil, idNumber: " 0010 9001 2345 ", name: "  Nguyễn   Văn An ", phone: "0912345678")
        #expect(typed.phone == "+84912345678")
        #expect(typed.personName == "Nguyễn Văn An")
        #expect(typed.idNumber == "001090012345")
        #expect(throws: ValidationFailure([FieldError(field: "personalQr", message: "scan a personal QR code, or type an ID number or a phone number")])) {
            try StaffCheckIn(personalQR: nil, idNumber: nil, name: nil, phone: nil)
        }
        do {
            _ = try StaffCheckIn(personalQR: nil, idNumber: "12ab", name: String(repeating: "a", count: 101), phone: nil)
            Issue.record("accepted bad input")
        } catch {
            #expect(error.errors.map(\.field) == ["idNumber", "name"])
        }
    }

    @Test("an outbreak declaration trims its message, caps its window a day ahead and names every bad field")
    func outbreakDeclaration() throws {
        let declared = try OutbreakDeclaration(
            venueID: 3, from: (now - 7200).formatted(.iso8601), to: (now + 3 * 86_400).formatted(.iso8601), message: "  Call 1900 9095 ",
            severity: "medium", now: now
        )
        #expect(declared.to == now + OutbreakDeclaration.longestLookAhead)
        #expect(declared.message == "Call 1900 9095")
        #expect(declared.severity == .medium)
        do {
            _ = try OutbreakDeclaration(venueID: 3, from: (now + 60).formatted(.iso8601), to: now.formatted(.iso8601), message: " ", severity: "dire", now: now)
            Issue.record("accepted bad input")
        } catch {
            #expect(error.errors.map(\.field) == ["to", "from", "message", "severity"])
        }
    }
}
