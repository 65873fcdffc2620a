@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing
import VenueCheckIn

@Suite("Venue and outbreak page models, built without HTTP")
struct VenuePageModelTests {
    let localizer: Localizer

    init() throws {
        localizer = try Localizer.load(from: ServerResources.directory.appendingPathComponent("Localization"))
    }

    @Test("the venue page masks phones and ID numbers, names entry methods and severities in the page's language")
    func venuePage() async throws {
        try await VenueDomainFixture.run(engine: .sqlite) { fixture in
            let officer = try await fixture.principal("officer-01", role: .provinceOfficer, province: "01")
            let health = try await fixture.principal("health-01", role: .healthAuthority, province: "01")
            let venue = try await fixture.domain.venues.register(VenueDomainFixture.registration("Quán phở Thìn"), by: officer)
            let poster = try #require(try await fixture.domain.venues.checkInURL(for: venue))
            _ = try await fixture.domain.checkIns.checkIn(qr: poster, phone: "0912345678", deviceID: nil, time: nil, checkoutToken: nil)
            _ = try await fixture.domain.checkIns.staffCheckIn(try StaffCheckIn(personalQR: nil, idNumber: "001090012345", name: nil, phone: nil), at: venue)
            fixture.clock.advance(by: 60)
            let now = fixture.clock.now
            let outbreak = try await fixture.domain.outbreaks.declare(
                venueID: venue.id, from: (now - 3600).formatted(.iso8601), to: now.formatted(.iso8601), message: "Gọi 1900 9095", severity: "medium",
                by: health, caller: fixture.caller(health)
            )
            let visits = try await fixture.domain.checkIns.history(of: venue, beforeID: nil, limit: 10, caller: fixture.caller(officer))
            let english = PageText(localizer: localizer, language: .en)
            let perDay = try await fixture.domain.checkIns.perDay(at: venue, days: 7)
            #expect(perDay.count == 7 && perDay.last?.day == VietnamDay.string(ofNumber: VietnamDay.number(of: now)) && perDay.last?.count == 2)
            #expect(perDay.dropLast().allSatisfy { $0.count == 0 }, "days without check-ins count 0")
            let page = VenuePage(
                venue, stayMinutes: 90, role: .provinceOfficer, outbreaks: [outbreak], visits: visits, perDay: perDay, text: english,
                divisions: try AdministrativeDivisions.bundled()
            )
            #expect(page.perDayChart.contains("2 check-ins in 7 days") && page.perDayChart.contains("<title>\(perDay[6].day.suffix(5)), Check-ins: 2</title>"))
            #expect(page.visits.map(\.who) == ["*********345", "+8491****678"])
            #expect(page.visits.map(\.method) == [english("entry_staff"), english("entry_qr-web")])
            #expect(page.isStaff && !page.canDeclare && page.hasVisits && page.hasOutbreaks)
            #expect(page.outbreaks.first?.severity == english("severity_medium") && english("severity_medium") != "severity_medium")
            #expect(page.venue.type == english("venue_type_restaurant") && page.venue.stay == 90)

            let vietnamese = PageText(localizer: localizer, language: .vi)
            let list = OutbreakListPage(
                outbreaks: [outbreak], venueNames: [venue.id: "Quán phở Thìn"], canDeclare: true,
                form: .blank(venueID: String(venue.id), now: now), errors: [], text: vietnamese
            )
            #expect(list.severities.map(\.code) == ["high", "medium", "low"] && list.severities.filter(\.selected).map(\.code) == ["high"])
            #expect(list.outbreaks.first?.venueName == "Quán phở Thìn" && list.outbreaks.first?.exposedVisits == 2)
        }
    }

    @Test("dashboard bars are scaled to the longest, and a count of one still shows")
    func dashboardBars() throws {
        let counts = CheckInCounts(
            total: 201, perHour: [.init(key: "1800000000", count: 200), .init(key: "1800003600", count: 1)],
            perVenueType: [.init(key: "market", count: 201)], perProvince: [.init(key: "01", count: 201)]
        )
        let page = CheckInDashboardPage(
            hours: 72, counts: counts, text: PageText(localizer: localizer, language: .vi), divisions: try AdministrativeDivisions.bundled()
        )
        #expect(page.perHour.map(\.width) == [100, 1])
        #expect(page.perProvince.first?.label == "Thành phố Hà Nội")
        #expect(page.periods.filter(\.current).map(\.hours) == [72] && page.hasData)
        let english = CheckInDashboardPage(
            hours: 72, counts: counts, text: PageText(localizer: localizer, language: .en), divisions: try AdministrativeDivisions.bundled()
        )
        #expect(english.perHourChart.hasPrefix("<svg") && english.perHourChart.contains("<title>Per hour</title>"))
        #expect(english.perHourChart.contains("201 check-ins over 72 hours; the busiest hour,"), "\(english.perHourChart.prefix(300))")
        #expect(english.perTypeChart.contains("<desc>Check-ins by venue type; market had the most, 201.</desc>") == false, "types are named in words")
        #expect(english.perTypeChart.contains("had the most, 201.</desc>"))
    }
}
