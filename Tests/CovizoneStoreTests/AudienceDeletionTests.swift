import CovizoneStore
import CovizoneTestSupport
import Foundation
import Messaging
import SQLKit
import Testing

@Suite("Deleting subscriber lists, by an officer and by the retention limit")
struct AudienceDeletionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let day: TimeInterval = 86_400

    private func members(_ count: Int, from first: Int = 0) -> [AudienceMember] {
        (first..<first + count).map { AudienceMember(phone: "+8491" + String(format: "%07d", $0), provinceCode: "01", operatorID: "vinaphone", group: "") }
    }

    private func campaign(on audienceID: Int64, _ campaigns: CampaignRepository, at time: Date) async throws -> Int64 {
        let content = CampaignContent(
            name: "Bluezone", channel: .sms, template: "{province}: cai Bluezone", withoutDiacritics: true, sender: "BoYTe", maximumParts: 1,
            audienceID: audienceID, segment: AudienceSegment(), schedule: CampaignSchedule(start: time + 3600), httpTemplate: nil, provinceCode: nil
        )
        return try await campaigns.create(content, by: "author", at: time)
    }

    private func rows(_ table: String, of audienceID: Int64, in database: Database) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).where("audience_id", .equal, audienceID)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @Test("a deleted list is gone from every view with its members and reports; one a campaign still needs is kept", arguments: TestEngine.available)
    func officerDeletes(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let audiences = AudienceRepository(database: database)
            let campaigns = CampaignRepository(database: database)
            let listed = try await audiences.create(name: "Hà Nội", provinceCode: "01", createdBy: "officer", at: now)
            _ = try await audiences.add(members(5), to: listed)
            var report = AudienceImportReport()
            report.rows = 5
            report.added = 5
            try await audiences.recordImport(report, audienceID: listed, by: "officer", at: now)
            let kept = try await audiences.create(name: "Hà Nội 2", provinceCode: "01", createdBy: "officer", at: now)
            let draft = try await campaign(on: kept, campaigns, at: now)

            #expect(try await audiences.delete(id: listed, by: "officer", at: now) == .deleted)
            #expect(try await audiences.purgeDeletedLists() == 5)
            #expect(try await audiences.audience(id: listed) == nil)
            #expect(try await audiences.audiences(visibleTo: "01").map(\.id) == [kept])
            #expect(try await rows("audience_members", of: listed, in: database) == 0)
            #expect(try await rows("audience_imports", of: listed, in: database) == 0)
            #expect(try await audiences.delete(id: listed, by: "officer", at: now) == .notFound, "deleted once")

            #expect(try await audiences.delete(id: kept, by: "officer", at: now) == .inUse(campaignIDs: [draft]))
            #expect(try await audiences.audience(id: kept) != nil)
            #expect(try await campaigns.move(id: draft, from: .draft, to: .cancelled, by: "officer", at: now))
            #expect(try await audiences.delete(id: kept, by: "officer", at: now) == .deleted, "free once its campaign is cancelled")
            #expect(try await campaigns.campaign(id: draft)?.content.audienceID == kept, "the campaign still names its list")
        }
    }

    @Test("nothing is added to or planned on a deleted list; its members are purged in chunks", arguments: TestEngine.available)
    func deletedListIsClosed(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let audiences = AudienceRepository(database: database)
            let list = try await audiences.create(name: "national", provinceCode: nil, createdBy: "ministry", at: now)
            _ = try await audiences.add(members(7), to: list)
            let other = try await audiences.create(name: "kept", provinceCode: nil, createdBy: "ministry", at: now)
            _ = try await audiences.add(members(3), to: other)
            #expect(try await audiences.delete(id: list, by: "ministry", at: now) == .deleted)

            await #expect(throws: StoreError.notFound("Audience \(list)"), "an import still streaming stops") {
                try await audiences.add(members(1, from: 100), to: list)
            }
            await #expect(throws: StoreError.notFound("Audience \(list)"), "no campaign is written on it") {
                try await campaign(on: list, CampaignRepository(database: database), at: now)
            }
            #expect(try await audiences.reach(audienceID: list, segment: AudienceSegment()).isEmpty, "its members are out of reach at once")

            #expect(try await audiences.purgeDeletedLists(chunk: 2) == 7, "in four chunks")
            #expect(try await rows("audience_members", of: list, in: database) == 0)
            #expect(try await rows("audience_members", of: other, in: database) == 3, "other lists are untouched")
        }
    }

    @Test("the retention limit deletes the lists nothing used since the cutoff", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let audiences = AudienceRepository(database: database)
            let campaigns = CampaignRepository(database: database)
            let old = now - 100 * day
            let recent = now - 10 * day
            let cutoff = now - 90 * day
            let unused = try await audiences.create(name: "unused", provinceCode: nil, createdBy: "ministry", at: old)
            _ = try await audiences.add(members(2), to: unused)
            _ = try await audiences.create(name: "new", provinceCode: nil, createdBy: "ministry", at: recent)
            let importedLately = try await audiences.create(name: "imported lately", provinceCode: nil, createdBy: "ministry", at: old)
            try await audiences.recordImport(AudienceImportReport(), audienceID: importedLately, by: "ministry", at: recent)
            let endedLongAgo = try await audiences.create(name: "ended long ago", provinceCode: nil, createdBy: "ministry", at: old)
            let first = try await campaign(on: endedLongAgo, campaigns, at: old)
            _ = try await campaigns.move(id: first, from: .draft, to: .cancelled, by: "ministry", at: old)
            let endedLately = try await audiences.create(name: "ended lately", provinceCode: nil, createdBy: "ministry", at: old)
            let second = try await campaign(on: endedLately, campaigns, at: old)
            _ = try await campaigns.move(id: second, from: .draft, to: .cancelled, by: "ministry", at: recent)
            let planned = try await audiences.create(name: "planned", provinceCode: nil, createdBy: "ministry", at: old)
            _ = try await campaign(on: planned, campaigns, at: old)

            #expect(try await audiences.deleteUnused(before: cutoff, at: now) == 2)
            #expect(Set(try await audiences.audiences(visibleTo: nil).map(\.name)) == ["new", "imported lately", "ended lately", "planned"])
            #expect(try await audiences.purgeDeletedLists() == 2)
            #expect(try await rows("audience_members", of: unused, in: database) == 0)
            #expect(try await audiences.deleteUnused(before: cutoff, at: now) == 0, "nothing left to delete")
        }
    }
}
