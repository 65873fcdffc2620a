import CovizoneCore
import Foundation
import Messaging
import Testing

struct CampaignPlanningTests {
    /// 2027-01-15 15:00 in Vietnam.
    let afternoon = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func lifeCycleAllowsOnlyItsSteps() {
        #expect(CampaignStatus.draft.after(.approve) == .approved)
        #expect(CampaignStatus.draft.after(.schedule) == nil, "a draft is approved first")
        #expect(CampaignStatus.approved.after(.schedule) == .scheduled)
        #expect(CampaignStatus.sending.after(.pause) == .paused)
        #expect(CampaignStatus.paused.after(.resume) == .scheduled)
        #expect(CampaignStatus.sending.after(.schedule) == nil, "the dispatcher, not an officer, ends a round")
        #expect(CampaignStatus.done.after(.cancel) == nil)
        #expect(CampaignStatus.cancelled.after(.resume) == nil)
        #expect(CampaignStatus.allCases.filter(\.isEditable) == [.draft])
    }

    @Test func quietHoursCrossMidnightInVietnamTime() {
        let quiet = QuietHours()
        let lateEvening = afternoon + 7.5 * 3600  // 22:30
        let earlyMorning = afternoon + 15.5 * 3600  // 06:30 the next day
        #expect(!quiet.contains(afternoon))
        #expect(quiet.contains(lateEvening))
        #expect(quiet.contains(earlyMorning))
        #expect(!quiet.contains(afternoon + 16 * 3600), "07:00 is allowed")
        #expect(quiet.nextAllowed(from: lateEvening) == afternoon + 16 * 3600)
        #expect(quiet.nextAllowed(from: afternoon) == afternoon)
        #expect(!QuietHours.none.contains(lateEvening))
        let lunch = QuietHours(start: 11 * 60 + 30, end: 13 * 60)
        #expect(lunch.contains(afternoon - 2.5 * 3600) && !lunch.contains(afternoon))
    }

    @Test func roundsRepeatUntilTheEndAndWaitForQuietHoursToEnd() {
        let evening = afternoon + 8 * 3600  // 23:00
        let schedule = CampaignSchedule(start: evening, repeatEveryDays: 3, until: evening + 7 * 86_400)
        #expect(schedule.roundTimes() == [evening, evening + 3 * 86_400, evening + 6 * 86_400])
        #expect(schedule.sendingTimes() == schedule.roundTimes().map { $0 + 8 * 3600 }, "each waits until 07:00")
        #expect(schedule.problems.isEmpty)
        #expect(CampaignSchedule(start: afternoon).roundTimes() == [afternoon])
    }

    @Test func unsoundSchedulesAreExplained() {
        let fields = { (schedule: CampaignSchedule) in schedule.problems.map(\.field) }
        #expect(fields(CampaignSchedule(start: afternoon, repeatEveryDays: 0, until: afternoon + 86_400)) == ["repeatEveryDays"])
        #expect(fields(CampaignSchedule(start: afternoon, repeatEveryDays: 2)) == ["until"])
        #expect(fields(CampaignSchedule(start: afternoon, until: afternoon - 1)) == ["until"])
        #expect(fields(CampaignSchedule(start: afternoon, quietHours: QuietHours(start: 1440, end: -1))) == ["quietHours.start", "quietHours.end"])
        #expect(fields(CampaignSchedule(start: afternoon, repeatEveryDays: 1, until: afternoon + 400 * 86_400)) == ["until"])
    }

    @Test func audienceRowsAreReadWithReasons() throws {
        let divisions = try AdministrativeDivisions.bundled()
        let read = { (line: String) in AudienceRow.parse(line.components(separatedBy: ","), divisions: divisions) }
        #expect(try read("0912 345 678,01").get() == AudienceRow(phone: PhoneNumber("+84912345678")!, province: "01", operatorID: "vinaphone"))
        #expect(try read("84987654321,79,mobifone,teachers").get().operatorID == "mobifone", "the column wins: the number was ported")
        #expect(try read("+84987654321, 1 ,,").get().province == "01")
        #expect(read("0241234567,01") == .failure(.notAVietnameseMobile), "a landline")
        #expect(read("0912345678,99") == .failure(.unknownProvince))
        #expect(read("0912345678,01,vinafone") == .failure(.unknownOperator))
        #expect(read("0912345678") == .failure(.missingColumns))
        #expect(read("0912345678,01,," + String(repeating: "g", count: 65)) == .failure(.groupTooLong))
        #expect(AudienceRow.isHeader(["MSISDN", "province"]))
    }
}
