import CovizoneStore
import CovizoneTestSupport
import Foundation
import Messaging
import Testing

@Suite("Audiences, campaigns, rounds and the outbound queue")
struct CampaignRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func member(_ phone: String, _ province: String, _ operatorID: String, _ group: String = "") -> AudienceMember {
        AudienceMember(phone: phone, provinceCode: province, operatorID: operatorID, group: group)
    }

    private func draft(audienceID: Int64, segment: AudienceSegment = AudienceSegment(), start: Date, repeatEveryDays: Int? = nil, until: Date? = nil) -> CampaignContent {
        CampaignContent(
            name: "Cài Bluezone", channel: .sms, template: "{province}: cai Bluezone", withoutDiacritics: true, sender: "BoYTe", maximumParts: 3,
            audienceID: audienceID, segment: segment, schedule: CampaignSchedule(start: start, repeatEveryDays: repeatEveryDays, until: until),
            httpTemplate: nil, provinceCode: nil
        )
    }

    @Test("lists keep each number once; the reach of a segment leaves opted-out numbers out", arguments: TestEngine.available)
    func audiences(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let audiences = AudienceRepository(database: database)
            let id = try await audiences.create(name: "Hà Nội", provinceCode: "01", createdBy: "officer", at: now)
            let added = try await audiences.add(
                [member("+84912345678", "01", "vinaphone", "teachers"), member("+84987654321", "01", "viettel"), member("+84901234567", "79", "mobifone")],
                to: id)
            #expect(added == 3)
            #expect(try await audiences.add([member("+84912345678", "01", "vinaphone"), member("+84361234567", "01", "viettel")], to: id) == 1)
            try await OptOutRepository(database: database).add(phone: "+84987654321", source: "sms", at: now)
            let reach = try await audiences.reach(audienceID: id, segment: AudienceSegment(provinces: ["01"]))
            #expect(reach.map { "\($0.operatorID)/\($0.provinceCode)=\($0.members)" } == ["viettel/01=1", "vinaphone/01=1"])
            let teachers = try await audiences.reach(audienceID: id, segment: AudienceSegment(groups: ["teachers"]))
            #expect(teachers.map(\.members) == [1])
            #expect(try await audiences.audiences(visibleTo: "01").map(\.members) == [4])
            #expect(try await audiences.audiences(visibleTo: "79").isEmpty)
        }
    }

    @Test("a campaign is approved, scheduled into rounds, queued once, claimed, submitted, delivered and done", arguments: TestEngine.available)
    func lifeCycle(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let audiences = AudienceRepository(database: database)
            let campaigns = CampaignRepository(database: database)
            let queue = OutboundQueueRepository(database: database)
            let audienceID = try await audiences.create(name: "all", provinceCode: nil, createdBy: "officer", at: now)
            _ = try await audiences.add(
                [member("+84912345678", "01", "vinaphone"), member("+84987654321", "01", "viettel"), member("+84901234567", "79", "mobifone"),
                 member("+84911111111", "79", "vinaphone")],
                to: audienceID)
            try await OptOutRepository(database: database).add(phone: "+84911111111", source: "sms", at: now)
            let id = try await campaigns.create(draft(audienceID: audienceID, start: now + 60, repeatEveryDays: 7, until: now + 8 * 86_400), by: "author", at: now)
            var changed = draft(audienceID: audienceID, start: now + 60, repeatEveryDays: 7, until: now + 8 * 86_400)
            changed.name = "Cài Bluezone (2)"
            #expect(try await campaigns.update(id: id, with: changed, at: now))
            #expect(try await campaigns.move(id: id, from: .draft, to: .approved, by: "approver", at: now))
            #expect(try await campaigns.update(id: id, with: changed, at: now) == false, "an approved campaign is not edited")
            #expect(try await campaigns.move(id: id, from: .draft, to: .approved, by: "approver", at: now) == false, "moved once")
            #expect(try await campaigns.move(id: id, from: .approved, to: .scheduled, by: "approver", at: now))
            let campaign = try #require(try await campaigns.campaign(id: id))
            #expect(campaign.approvedBy == "approver" && campaign.content.name == "Cài Bluezone (2)" && campaign.status == .scheduled)
            #expect(campaign.content.schedule.repeatEveryDays == 7 && campaign.content.schedule.start == now + 60)
            #expect(try await campaigns.rounds(campaignID: id).map(\.number) == [1, 2])
            #expect(try await campaigns.dueRounds(at: now).isEmpty)
            let due = try await campaigns.dueRounds(at: now + 60)
            #expect(due.map(\.number) == [1])
            let bodies = ["01": (body: "Ha Noi: cai Bluezone", parts: 1), "79": (body: "TP HCM: cai Bluezone", parts: 1)]
            #expect(try await campaigns.queue(round: due[0], campaign: campaign, bodies: bodies, at: now + 60))
            #expect(try await campaigns.queue(round: due[0], campaign: campaign, bodies: bodies, at: now + 61) == false, "queued once")
            #expect(try await campaigns.rounds(campaignID: id).first?.recipients == 3)
            #expect(try await campaigns.campaign(id: id)?.status == .sending)
            #expect(try await campaigns.sendingRounds().map(\.roundID) == [due[0].id])

            try await queue.enqueue(phone: "+84912345678", operatorID: "vinaphone", sender: "Covizone", body: "Ma: 123456", parts: 1, purpose: "one-time-code", at: now + 60)
            let claimed = try await queue.claim(operators: ["vinaphone"], rounds: [due[0].id], limit: 10, owner: "a", leaseEnds: now + 120, at: now + 60)
            #expect(claimed.map(\.purpose) == ["one-time-code", "campaign"], "single texts first")
            #expect(claimed.map(\.sender) == ["Covizone", "BoYTe"])
            #expect(try await queue.claim(operators: ["vinaphone"], rounds: [due[0].id], limit: 10, owner: "b", leaseEnds: now + 120, at: now + 60).isEmpty)
            let paused = try await queue.claim(operators: ["viettel"], rounds: [], limit: 10, owner: "a", leaseEnds: now + 120, at: now + 60)
            #expect(paused.isEmpty, "a round not allowed to send stays queued")
            let viettel = try await queue.claim(operators: ["viettel"], rounds: [due[0].id], limit: 10, owner: "a", leaseEnds: now + 120, at: now + 60)
            let mobifone = try await queue.claim(operators: ["mobifone"], rounds: [due[0].id], limit: 10, owner: "a", leaseEnds: now + 120, at: now + 60)
            #expect(try await campaigns.finishSentRounds(at: now + 61).isEmpty, "messages still being sent")
            try await queue.record(
                [(claimed[0], "smsc", .submitted(smscIDs: ["A1"])), (claimed[1], "smsc", .submitted(smscIDs: ["A2"])),
                 (viettel[0], "smsc", .failed(reason: "ESME_RINVDSTADR (0x0000000B)"))],
                at: now + 62)
            #expect(try await queue.applyReceipt(smsc: "smsc", smscID: "A2", state: .delivered, error: "000", at: now + 63))
            #expect(try await queue.applyReceipt(smsc: "smsc", smscID: "A1", state: .delivered, error: nil, at: now + 63))
            #expect(try await queue.applyReceipt(smsc: "smsc", smscID: "nope", state: .delivered, error: nil, at: now + 63) == false)
            #expect(try await campaigns.finishSentRounds(at: now + 64).isEmpty, "mobifone's message is still being sent")
            #expect(try await queue.releaseAbandonedClaims(at: now + 121) == 1)
            // An SMSC whose counter restarted gives "A2" again: the receipt is about the latest part.
            try await queue.enqueue(phone: "+84999999999", operatorID: "gmobile", sender: "Covizone", body: "Ma: 2", parts: 1, purpose: "one-time-code", at: now + 62)
            let again = try await queue.claim(operators: ["gmobile"], rounds: [], limit: 1, owner: "a", leaseEnds: now + 120, at: now + 62)
            try await queue.record([(again[0], "smsc", .submitted(smscIDs: ["A2"]))], at: now + 62)
            #expect(try await queue.applyReceipt(smsc: "smsc", smscID: "A2", state: .undeliverable, error: "001", at: now + 62))
            #expect(try await queue.messages(to: "+84999999999").first?.reason == "receipt UNDELIV err:001")
            #expect(try await queue.messages(to: claimed[1].phone).first { $0.purpose == "campaign" }?.status == .delivered, "the earlier part's message keeps its receipt")
            let held = HeldReceipt(smsc: "smsc", smscID: "lost", phone: mobifone[0].phone, state: .delivered, error: nil, receivedAt: now + 122)
            #expect(try await queue.applyReceipts([held], at: now + 122) == 0, "no part has its id: held")
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 122, at: now + 122) == 0, "kept while its submission may still be recorded")
            try await queue.applyReceipts([HeldReceipt(smsc: "smsc", smscID: "nobody", phone: "+84900000000", state: .delivered, error: nil, receivedAt: now + 122)], at: now + 122)
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 123, at: now + 123) == 1, "then it settles the unconfirmed message by phone")
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 124, at: now + 124) == 0, "and the receipt for no message is dropped")
            #expect(try await campaigns.finishSentRounds(at: now + 130) == [due[0].id])
            #expect(try await campaigns.campaign(id: id)?.status == .scheduled, "a second round follows")

            let tallies = try await CampaignStatisticsRepository(database: database).tallies(roundID: due[0].id)
            #expect(tallies.map { "\($0.operatorID)/\($0.provinceCode)/\($0.status.rawValue)=\($0.messages)" }
                == ["mobifone/79/delivered=1", "viettel/01/failed=1", "vinaphone/01/delivered=1"])
            let progress = try await CampaignStatisticsRepository(database: database).progress(roundID: due[0].id)
            #expect(progress.map(\.messages).reduce(0, +) == 3 && progress.map(\.minute) == progress.map(\.minute).sorted())
            #expect(progress.filter { $0.status == .failed }.map(\.minute) == [Int64((now + 62).timeIntervalSince1970) / 60], "a message counts at its last change")
            #expect(progress.filter { $0.status == .delivered }.map(\.messages).reduce(0, +) == 2)
            let purged = try await CampaignStatisticsRepository(database: database).purgeMessages(createdBefore: now + 61)
            #expect(purged == 4, "the round's three messages and the one-time code")
            #expect(try await queue.messages(to: "+84912345678").isEmpty)
            #expect(try await CampaignStatisticsRepository(database: database).tallies(roundID: due[0].id) == tallies, "the round's figures stay")
            #expect(try await CampaignStatisticsRepository(database: database).progress(roundID: due[0].id).isEmpty, "its progress goes with its messages")
            #expect(try await campaigns.move(id: id, from: .scheduled, to: .cancelled, by: "author", at: now + 200))
            #expect(try await campaigns.rounds(campaignID: id).map(\.status) == [.done, .cancelled])
        }
    }

    @Test("a dispatcher that renews its claims keeps them past the first lease; a stopped one's are released", arguments: TestEngine.available)
    func renewedLeases(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let queue = OutboundQueueRepository(database: database)
            for index in 0..<4 {
                try await queue.enqueue(phone: "+84910000000\(index)", operatorID: "vinaphone", sender: "Covizone", body: "x", parts: 1, purpose: "warning", at: now)
            }
            let live = try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 2, owner: "live", leaseEnds: now + 60, at: now)
            let stopped = try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 2, owner: "stopped", leaseEnds: now + 60, at: now)
            #expect(live.count == 2 && stopped.count == 2)
            #expect(try await queue.renewClaims(owner: "live", until: now + 90, at: now + 30) == 2)
            #expect(try await queue.releaseAbandonedClaims(at: now + 65) == 2, "only the stopped dispatcher's: a send still under way is not taken away")
            for message in live { #expect(try await queue.messages(to: message.phone).first?.status == .sending) }
            #expect(try await queue.messages(to: stopped[0].phone).first?.status == .unconfirmed)
            #expect(try await queue.releaseAbandonedClaims(at: now + 91) == 2, "once it stops renewing, its lease ends too")
        }
    }

    @Test("a single text whose fate is unknown is sent again once while it is young; a copy is never copied", arguments: TestEngine.available)
    func unconfirmedTextsRetried(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let queue = OutboundQueueRepository(database: database)
            try await queue.enqueue(phone: "+84910000001", operatorID: "vinaphone", sender: "Covizone", body: "Ma: 123456", parts: 1, purpose: "one-time-code", at: now)
            try await queue.enqueue(phone: "+84910000002", operatorID: "vinaphone", sender: "Covizone", body: "Ma: 654321", parts: 1, purpose: "one-time-code", at: now - 3600)
            let claimed = try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 10, owner: "stopped", leaseEnds: now + 60, at: now)
            #expect(claimed.count == 2)
            #expect(try await queue.releaseAbandonedClaims(at: now + 61) == 2, "the dispatcher stopped with both")
            #expect(try await queue.retryUnconfirmedTexts(since: now + 61 - 600, at: now + 61) == 1, "only the young one: the old code is dead anyway")
            #expect(try await queue.retryUnconfirmedTexts(since: now + 62 - 600, at: now + 62) == 0, "once")
            let messages = try await queue.messages(to: "+84910000001")
            #expect(messages.map(\.status) == [.queued, .unconfirmed] && messages[0].body == "Ma: 123456" && messages[0].purpose == "one-time-code")
            let copy = try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 10, owner: "next", leaseEnds: now + 130, at: now + 70)
            #expect(copy.map(\.phone) == ["+84910000001"])
            #expect(try await queue.releaseAbandonedClaims(at: now + 131) == 1)
            #expect(try await queue.retryUnconfirmedTexts(since: now + 131 - 600, at: now + 131) == 0, "the copy's fate unknown too: not copied again")
        }
    }

    @Test("two dispatchers never claim the same message", arguments: TestEngine.available)
    func sharedQueue(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let queue = OutboundQueueRepository(database: database)
            for index in 0..<200 {
                try await queue.enqueue(phone: "+849100\(String(format: "%05d", index))", operatorID: "vinaphone", sender: "Covizone", body: "x", parts: 1, purpose: "warning", at: now)
            }
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for owner in 0..<4 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 7, owner: "\(owner)", leaseEnds: now + 60, at: now)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claims.count == 200)
            #expect(Set(claims).count == 200)
        }
    }

    @Test("a receipt that outruns the record of an SMSC id given again waits for it; the same receipt again is dropped", arguments: TestEngine.available)
    func reusedIDs(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let queue = OutboundQueueRepository(database: database)
            func send(to phone: String) async throws -> OutboundMessage {
                try await queue.enqueue(phone: phone, operatorID: "vinaphone", sender: "Covizone", body: "Ma: 1", parts: 1, purpose: "one-time-code", at: now)
                return try #require(try await queue.claim(operators: ["vinaphone"], rounds: [], limit: 1, owner: "a", leaseEnds: now + 60, at: now).first)
            }
            func receipt(_ phone: String, at time: Date) -> HeldReceipt {
                HeldReceipt(smsc: "smsc", smscID: "R1", phone: phone, state: .delivered, error: nil, receivedAt: time)
            }
            let first = try await send(to: "+84912345678")
            try await queue.record([(first, "smsc", .submitted(smscIDs: ["R1"]))], at: now)
            #expect(try await queue.applyReceipts([receipt("+84912345678", at: now)], at: now) == 1)
            // The SMSC's counter restarted: a second message gets "R1", and its receipt comes first.
            let second = try await send(to: "+84987654321")
            #expect(try await queue.applyReceipts([receipt("+84987654321", at: now + 1)], at: now + 1) == 0, "held, not taken for the first one's again")
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 5, at: now + 5) == 0, "kept while the second message is being sent")
            try await queue.record([(second, "smsc", .submitted(smscIDs: ["R1"]))], at: now + 6)
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 6, at: now + 6) == 1)
            #expect(try await queue.messages(to: "+84987654321").first?.status == .delivered)
            #expect(try await queue.applyReceipts([receipt("+84987654321", at: now + 7)], at: now + 7) == 0, "sent again")
            #expect(try await queue.applyHeldReceipts(settledBefore: now + 9, at: now + 9) == 0, "dropped, changing nothing")
            #expect(try await queue.messages(to: "+84987654321").first?.status == .delivered)
            #expect(try await queue.messages(to: "+84912345678").first?.status == .delivered)
        }
    }

    @Test("an opt-out fails the campaign messages still queued for the number, not its single texts", arguments: TestEngine.available)
    func optOut(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let optOuts = OptOutRepository(database: database)
            let queue = OutboundQueueRepository(database: database)
            try await queue.enqueue(phone: "+84912345678", operatorID: "vinaphone", sender: "Covizone", body: "Ma: 1", parts: 1, purpose: "one-time-code", at: now)
            #expect(try await optOuts.add(phone: "+84912345678", source: "sms", at: now))
            #expect(try await optOuts.add(phone: "+84912345678", source: "sms", at: now) == false)
            #expect(try await optOuts.contains("+84912345678"))
            #expect(try await optOuts.count() == 1)
            #expect(try await queue.messages(to: "+84912345678").map(\.status) == [.queued])
        }
    }
}

@Suite("Single texts join the outbound queue")
struct SingleTextFeedTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("one-time codes move once, ahead of rounds; a landline fails with a reason", arguments: TestEngine.available)
    func feed(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let texts = TextMessageRepository(database: database)
            try await texts.enqueue(phone: "+84912345678", body: "Ma xac nhan: 123456", purpose: "one-time-code", at: now)
            try await texts.enqueue(phone: "+842431234567", body: "Nhac khai bao", purpose: "reminder", at: now)
            let feed = SingleTextFeed(database: database)
            #expect(try await feed.feed(sender: "Covizone", at: now) == 2)
            #expect(try await feed.feed(sender: "Covizone", at: now) == 0, "moved once")
            let queue = OutboundQueueRepository(database: database)
            let code = try #require(try await queue.messages(to: "+84912345678").first)
            #expect(code.purpose == "one-time-code" && code.operatorID == "vinaphone" && code.status == .queued && code.sender == "Covizone")
            #expect(code.priority == OutboundPriority.transactional && code.parts == 1)
            let landline = try #require(try await queue.messages(to: "+842431234567").first)
            #expect(landline.status == .failed && landline.reason == "not a Vietnamese mobile number")
            #expect(try await texts.messages(to: "+84912345678", limit: 1).first?.status == "handed")
        }
    }
}
