import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import SQLKit
import Testing
import VenueCheckIn

@Suite("Visits and outbreaks in the store")
struct VisitAndOutbreakRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// An approved venue in Hà Nội and the health officer who declares outbreaks there.
    func venueAndOfficer(_ database: Database) async throws -> (venue: VenueRecord, officer: UserRecord) {
        let officer = try await UserRepository(database: database).create(
            username: "health-01", passwordHash: "h", role: .healthAuthority, provinceCode: "01", at: now
        )
        let details = VenueDetails(
            name: "Quán phở Thìn", type: .restaurant, provinceCode: "01", wardCode: "00070", address: "13 Lò Đúc", latitude: nil, longitude: nil,
            contactPhone: "+84912000000"
        )
        let venue = try await VenueRepository(database: database).create(details, ownerID: nil, approvedBy: officer.id, at: now)
        return (venue, officer)
    }

    func visit(_ venue: VenueRecord, phone: String? = nil, device: String? = nil, method: EntryMethod = .qrWeb, at start: Date, minutes: Int = 60) -> NewVisit {
        NewVisit(
            venueID: venue.id, provinceCode: venue.details.provinceCode, wardCode: venue.details.wardCode, phone: phone, deviceID: device,
            entryMethod: method, checkedInAt: start, expectedCheckOutAt: start + TimeInterval(minutes * 60), tokenHash: Data((phone ?? device ?? "").utf8)
        )
    }

    @Test("visits are found by phone or device, extended and checked out only with their secret, paged newest first and purged by age", arguments: TestEngine.available)
    func visits(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let (venue, _) = try await venueAndOfficer(database)
            let visits = VisitRepository(database: database)
            let created = try await visits.create([
                visit(venue, phone: "+84912345678", at: now - 7200), visit(venue, device: "device-1234", method: .qrApp, at: now - 3600),
                visit(venue, phone: "+84987654321", method: .staff, at: now - 40 * 86_400),
            ])
            #expect(created.map(\.entryMethod) == [.qrWeb, .qrApp, .staff], "the entry method comes back as it was stored")
            let recent = try await visits.visits(phones: ["+84912345678"], deviceIDs: ["device-1234"], since: now - 86_400)
            #expect(recent.map(\.id) == [created[0].id, created[1].id])

            let extended = try #require(try await visits.extend(id: created[1].id, until: now + 3600, tokenHash: Data([9])))
            #expect(extended.expectedCheckOutAt == now + 3600 && extended.tokenHash == Data([9]), "a re-scan moves the end and the secret")
            #expect(try await visits.checkOut(id: created[1].id, tokenHash: created[1].tokenHash, at: now) == nil, "the old secret no longer works")
            let out = try #require(try await visits.checkOut(id: created[1].id, tokenHash: Data([9]), at: now))
            #expect(out.checkedOutAt == now && out.endedAt == now)

            let firstPage = try await visits.history(venueID: venue.id, beforeID: nil, limit: 2)
            #expect(firstPage.map(\.id) == [created[2].id, created[1].id])
            #expect(try await visits.history(venueID: venue.id, beforeID: created[1].id, limit: 2).map(\.id) == [created[0].id])
            #expect(try await visits.overlapping(venueID: venue.id, start: now - 5400, end: now - 5000).map(\.id) == [created[0].id])
            #expect(try await visits.deleteOlder(than: now - 21 * 86_400) == 1, "only the visit past retention goes")
        }
    }

    @Test("a declaration counts its exposed visits and queues one warning per phone; a late visit is matched and counted once", arguments: TestEngine.available)
    func outbreaks(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let (venue, officer) = try await venueAndOfficer(database)
            let visits = VisitRepository(database: database)
            let outbreaks = OutbreakRepository(database: database)
            _ = try await visits.create([
                visit(venue, phone: "+84912345678", at: now - 7200), visit(venue, phone: "+84912345678", at: now - 6000),
                visit(venue, device: "device-1234", method: .qrApp, at: now - 6600), visit(venue, phone: "+84911111111", at: now - 30_000),
            ])
            let declared = try await outbreaks.declare(
                NewOutbreak(
                    venueID: venue.id, provinceCode: "01", from: now - 7000, to: now - 5000, message: "Gọi 1900 9095", severity: .high,
                    declaredBy: officer.id, declaredAt: now, buffer: 1800
                ),
                warning: { "warn \($0.id)" }
            )
            #expect(declared.exposedVisits == 3 && declared.severity == .high)
            #expect(try await outbreaks.queuedWarnings(provinceCode: "01", limit: 10).map(\.phone) == ["+84912345678"], "one warning for the phone, none for an app")
            #expect(try await outbreaks.queuedWarnings(provinceCode: "79", limit: 10).isEmpty)

            let late = try await visits.create([visit(venue, phone: "+84933333333", at: now - 5500)])
            let found = try await outbreaks.overlapping(late)
            #expect(found.map { $0.map(\.id) } == [[declared.id]])
            try await outbreaks.addExposedVisit(late[0], to: declared, warning: "late", at: now)
            #expect(try await outbreaks.find(id: declared.id)?.exposedVisits == 4)
            #expect(try await outbreaks.list(venueID: venue.id, limit: 10).map(\.id) == [declared.id])
            #expect(try await outbreaks.list(provinceCode: "79", limit: 10).isEmpty)
            #expect(try await outbreaks.deleteWarnings(olderThan: now + 1) == 2)
        }
    }

    @Test("a stored value this build does not know is reported as a corrupt row, not guessed", arguments: TestEngine.available)
    func unknownStoredValue(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let (venue, _) = try await venueAndOfficer(database)
            let visits = VisitRepository(database: database)
            let created = try await visits.create([visit(venue, phone: "+84912345678", at: now)])
            try await database.withConnection { sql in
                try await sql.update("visits").set("entry_method", to: SQLBind("carrier-pigeon")).where("id", .equal, SQLBind(created[0].id)).run()
            }
            await #expect(throws: StoreError.corrupt("entry_method holds unknown value carrier-pigeon")) {
                try await visits.history(venueID: venue.id, beforeID: nil, limit: 1)
            }
        }
    }
}
