@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing

@Suite("Check-in batches")
struct CheckInWriterTests {
    @Test("one batch: an app's second scan extends the first, a phone number alone never does, a known ID alone makes its own visit, the 31st visit in an hour is refused", arguments: TestEngine.available)
    func batchRules(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venueID = try await CheckInsAPITests().approvedVenue(server, client).id
            let database = try await server.store.open()
            let venue = try #require(try await VenueRepository(database: database).find(id: Int64(venueID)))
            let writer = CheckInWriter(database: database, clock: server.clock.wallClock)
            let now = server.clock.now
            func request(_ visitor: Visitor, at time: Date? = nil, stay: TimeInterval = 5_400) -> PendingCheckIn {
                PendingCheckIn(visitor: visitor, venue: venue, time: time ?? now, stay: stay)
            }
            let phone = Visitor(phone: "+84912345678", entryMethod: .qrWeb)
            let device = Visitor(deviceID: "device-in-batch", entryMethod: .qrApp)
            let idOnly = Visitor(idNumber: "001099012345", entryMethod: .staff)
            // A flooding phone: visits of one minute, two minutes apart, all in the last hour.
            let flooder = Visitor(phone: "+84987654321", entryMethod: .qrWeb)
            let flood = (0...30).map { request(flooder, at: now - 3_500 + TimeInterval($0) * 110, stay: 60) }

            let outcomes = try await writer.write(
                [request(phone), request(device), request(phone), request(idOnly), request(idOnly), request(device)] + flood
            )
            let first = try outcomes[0].get(), again = try outcomes[2].get()
            #expect(first.isNew && again.isNew && again.visit.id != first.visit.id, "a phone number alone proves no earlier visit")
            let app = try outcomes[1].get(), appAgain = try outcomes[5].get()
            #expect(app.isNew && app.visit.deviceID == "device-in-batch")
            #expect(!appAgain.isNew && appAgain.visit.id == app.visit.id, "the app's second scan extends its first visit")
            var holder = phone
            holder.checkoutToken = first.checkoutToken
            let withSecret = try await writer.write([request(holder)])
            #expect(try withSecret[0].get().visit.id == first.visit.id, "the secret of the visit proves it")
            #expect(try outcomes[3].get().visit.id != outcomes[4].get().visit.id, "a visitor known by an ID number alone is never merged")
            let floodOutcomes = outcomes.suffix(31)
            #expect(floodOutcomes.prefix(30).allSatisfy { (try? $0.get().isNew) == true })
            #expect(throws: CheckInError.tooManyCheckIns(retryAfterSeconds: 3600)) { try floodOutcomes.last!.get() }
            try await database.shutdown()
        }
    }
}
