import Crypto
import CovizoneCore
import Foundation
import Testing
import VenueCheckIn

@Suite("Outbreak notices and private mode")
struct PrivateModeTests {
    static let key = P256.Signing.PrivateKey()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func pass(_ id: Int64, type: VenueType = .restaurant) -> VenuePass {
        VenuePass(venueID: id, name: "Venue \(id)", type: type, provinceCode: "01", wardCode: "00070", validUntil: now + 86_400, keyVersion: 1)
    }

    func notice(venue: Int64, from: Date, to: Date) -> OutbreakNotice {
        OutbreakNotice(venueHash: OutbreakNotice.venueHash(venue), from: from.unixSeconds, to: to.unixSeconds, severity: .high, message: "Call 1900 9095")
    }

    @Test("a signed notice list verifies with the venue key; an edited payload, another key or an unknown version does not")
    func signedList() throws {
        let contents = SignedNoticeList.Contents(generatedAt: now.unixSeconds, notices: [notice(venue: 7, from: now - 7200, to: now - 3600)])
        let list = try SignedNoticeList(contents, keyVersion: 1, key: Self.key)
        #expect(try list.verified(keys: [1: Self.key.publicKey]) == contents)
        var edited = list
        var other = contents
        other.notices[0].venueHash = OutbreakNotice.venueHash(8)
        edited.payload = try JSONEncoder().encode(other).base64URLEncodedString
        #expect(throws: VenuePass.Failure.invalidSignature) { try edited.verified(keys: [1: Self.key.publicKey]) }
        #expect(throws: VenuePass.Failure.invalidSignature) { try list.verified(keys: [1: P256.Signing.PrivateKey().publicKey]) }
        #expect(throws: VenuePass.Failure.unknownKey(1)) { try list.verified(keys: [2: Self.key.publicKey]) }
    }

    @Test("venue hashes differ per venue and do not show the id")
    func hashes() {
        let hashes = Set((1...1000).map { OutbreakNotice.venueHash(Int64($0)) })
        #expect(hashes.count == 1000)
        #expect(OutbreakNotice.venueHash(42).count == 22 && !OutbreakNotice.venueHash(42).contains("42"))
    }

    @Test("the phone keeps its visits, extends re-scans, checks out, and matches notices locally")
    func privateLog() {
        var log = PrivateVisitLog()
        log.checkIn(pass(7), at: now - 5 * 3600)  // 90-minute stay: until 3.5 h ago
        log.checkIn(pass(7), at: now - 4 * 3600)  // re-scan: until 2.5 h ago
        #expect(log.visits.count == 1 && log.visits[0].leftAt == now - 2.5 * 3600)
        log.checkIn(pass(8, type: .office), at: now - 2 * 3600)
        let checkedOut = log.checkOut(venueID: 8, at: now - 1.5 * 3600)
        let nothingOpen = log.checkOut(venueID: 9, at: now)
        #expect(checkedOut && !nothingOpen)
        log.checkIn(pass(9), at: now - 30 * 86_400)

        let notices = [
            notice(venue: 7, from: now - 3 * 3600, to: now - 2 * 3600),  // overlaps the extended visit's end
            notice(venue: 8, from: now - 1.4 * 3600, to: now),  // after the check-out
            notice(venue: 10, from: now - 6 * 3600, to: now),  // never visited
        ]
        let matches = log.matches(notices)
        #expect(matches.map(\.visit.venueID) == [7])
        #expect(matches.first?.notice == notices[0])

        log.forget(before: now - 21 * 86_400)
        #expect(log.visits.map(\.venueID) == [7, 8])
        let stored = try? JSONDecoder().decode(PrivateVisitLog.self, from: JSONEncoder().encode(log))
        #expect(stored == log, "the app stores the log between launches")
    }
}
