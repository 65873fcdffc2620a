@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Crypto
import Foundation
import Testing
import VenueCheckIn

@Suite("The venue domain's services, without HTTP")
struct VenueDomainTests {
    @Test("an owner's venue waits for approval; another province cannot see it; its officer approves it once", arguments: TestEngine.available)
    func registrationAndApproval(engine: TestEngine) async throws {
        try await VenueDomainFixture.run(engine: engine) { fixture in
            let venues = fixture.domain.venues
            let owner = try await fixture.principal("owner", role: .venueOwner, province: nil)
            let officer = try await fixture.principal("officer-01", role: .provinceOfficer, province: "01")
            let elsewhere = try await fixture.principal("officer-79", role: .provinceOfficer, province: "79")
            let venue = try await venues.register(VenueDomainFixture.registration("Quán phở Thìn"), by: owner)
            #expect(venue.status == .pending && venue.details.type == .restaurant && venue.details.contactPhone == "+84912000000")
            await #expect(throws: VenueError.awaitingApproval(venueID: venue.id)) { try await venues.qrCode(for: venue) }
            await #expect(throws: VenueError.notFound(venueID: venue.id)) { try await venues.venue(venue.id, for: elsewhere) }
            await #expect(throws: VenueError.outsideProvince(allowed: "79")) {
                try await venues.register(VenueDomainFixture.registration("Cà phê Giảng"), by: elsewhere)
            }
            let approved = try await venues.approve(venue.id, by: officer)
            #expect(approved.status == .approved)
            await #expect(throws: VenueError.alreadyApproved(venueID: venue.id)) { try await venues.approve(venue.id, by: officer) }
            let url = try #require(try await venues.checkInURL(for: approved))
            #expect(url.hasPrefix("https://localhost:8080/c#"))
        }
    }

    @Test("a scanned poster checks a phone in; its re-scan with the secret extends the visit; staff check in at the door; the history read is audited", arguments: TestEngine.available)
    func checkInsAndHistory(engine: TestEngine) async throws {
        try await VenueDomainFixture.run(engine: engine) { fixture in
            let officer = try await fixture.principal("officer-01", role: .provinceOfficer, province: "01")
            let venue = try await fixture.domain.venues.register(VenueDomainFixture.registration("Chợ Hàng Da", type: "market"), by: officer)
            let poster = try #require(try await fixture.domain.venues.checkInURL(for: venue))
            let checkIns = fixture.domain.checkIns
            let first = try await checkIns.checkIn(qr: poster, phone: "0912345678", deviceID: nil, time: nil, checkoutToken: nil)
            #expect(first.isNew && first.visit.entryMethod == .qrWeb && first.visit.phone == "+84912345678")
            #expect(first.visit.expectedCheckOutAt == fixture.clock.now + TimeInterval(VenueType.market.defaultStayMinutes * 60))
            fixture.clock.advance(by: 600)
            let again = try await checkIns.checkIn(qr: poster, phone: "0912345678", deviceID: nil, time: nil, checkoutToken: first.checkoutToken)
            #expect(!again.isNew && again.visit.id == first.visit.id)
            await #expect(throws: CheckInError.unknownVisit) { try await checkIns.checkOut(visitID: first.visit.id, token: first.checkoutToken) }
            #expect(try await checkIns.checkOut(visitID: first.visit.id, token: again.checkoutToken).checkedOutAt == fixture.clock.now)
            let owner = try await fixture.principal("owner", role: .venueOwner, province: nil)
            let pending = try await fixture.domain.venues.register(VenueDomainFixture.registration("Cà phê Giảng"), by: owner)
            let signer = try await fixture.domain.venues.keyring.signingKey()
            let pendingPass = VenuePass(
                venueID: pending.id, name: "Cà phê Giảng", type: .restaurant, provinceCode: "01", wardCode: "00070", validUntil: fixture.clock.now + 86_400,
                keyVersion: signer.version
            )
            await #expect(throws: CheckInError.unknownVenue, "a genuine pass of a venue not approved yet") {
                try await checkIns.checkIn(qr: try pendingPass.signed(with: signer.key), phone: nil, deviceID: nil, time: nil, checkoutToken: nil)
            }
            await #expect(throws: VenueError.awaitingApproval(venueID: pending.id)) {
                try await checkIns.staffCheckIn(try StaffCheckIn(personalQR: nil, idNumber: nil, name: nil, phone: "0912345678"), at: pending)
            }

            let staff = try await checkIns.staffCheckIn(try StaffCheckIn(personalQR: nil, idNumber: "001090012345", name: "Lê Văn Tám", phone: nil), at: venue)
            #expect(staff.visit.entryMethod == .staff && staff.visit.idNumber == "001090012345")
            let history = try await checkIns.history(of: venue, beforeID: nil, limit: 10, caller: fixture.caller(officer))
            #expect(history.map(\.id) == [staff.visit.id, first.visit.id])
            let entry = try #require(try await fixture.audit.list(beforeID: nil, limit: 1).first)
            #expect(entry.action == "venues.visits.read" && entry.actor == "officer-01" && entry.remoteAddress == "192.0.2.10")
        }
    }

    @Test("a declared outbreak counts the visits it exposed; the tracer's read is audited; phones get it signed; other provinces do not see it", arguments: TestEngine.available)
    func outbreaks(engine: TestEngine) async throws {
        try await VenueDomainFixture.run(engine: engine) { fixture in
            let officer = try await fixture.principal("officer-01", role: .provinceOfficer, province: "01")
            let health = try await fixture.principal("health-01", role: .healthAuthority, province: "01")
            let other = try await fixture.principal("health-79", role: .healthAuthority, province: "79")
            let venue = try await fixture.domain.venues.register(VenueDomainFixture.registration("Quán phở Thìn"), by: officer)
            let poster = try #require(try await fixture.domain.venues.checkInURL(for: venue))
            let visit = try await fixture.domain.checkIns.checkIn(qr: poster, phone: "0912345678", deviceID: nil, time: nil, checkoutToken: nil)
            fixture.clock.advance(by: 3600)
            let outbreaks = fixture.domain.outbreaks
            let now = fixture.clock.now
            let declared = try await outbreaks.declare(
                venueID: venue.id, from: (now - 7200).formatted(.iso8601), to: now.formatted(.iso8601), message: " Gọi 1900 9095 ", severity: "high",
                by: health, caller: fixture.caller(health)
            )
            #expect(declared.exposedVisits == 1 && declared.message == "Gọi 1900 9095" && declared.severity == .high)
            await #expect(throws: OutbreakError.notFound(outbreakID: declared.id)) { try await outbreaks.outbreak(declared.id, for: other) }
            await #expect(throws: VenueError.notFound(venueID: venue.id)) {
                try await outbreaks.declare(
                    venueID: venue.id, from: (now - 60).formatted(.iso8601), to: now.formatted(.iso8601), message: "x", severity: "low", by: other,
                    caller: fixture.caller(other)
                )
            }
            #expect(try await outbreaks.tracedVisits(declared, caller: fixture.caller(health)).map(\.id) == [visit.visit.id])
            #expect(try await fixture.audit.list(beforeID: nil, limit: 1).first?.action == "outbreaks.visitors.read")
            let zones = try await outbreaks.zoning(for: health, days: 14)
            #expect(zones.map(\.wardCode) == ["00070"] && zones.first?.exposedVisitors == 1)

            var keys: [UInt8: P256.Signing.PublicKey] = [:]
            for stored in try await fixture.domain.venues.passKeys() {
                keys[try #require(UInt8(stored.keyVersion))] = try P256.Signing.PublicKey(pemRepresentation: stored.publicKeyPEM)
            }
            let notices = try await outbreaks.notices().verified(keys: keys)
            #expect(notices.notices.map(\.venueHash) == [OutbreakNotice.venueHash(venue.id)] && notices.notices.first?.severity == .high)
        }
    }
}
