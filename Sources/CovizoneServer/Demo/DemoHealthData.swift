import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The demo's health data exchange, built through the services as the hospitals' reports: Bạch
/// Mai in Hà Nội (`demo-hospital`) and Chợ Rẫy in Hồ Chí Minh City (`demo-hospital-hcm`) report
/// a few cases a day over the two weeks before today — suspected on a rapid test, confirmed or
/// cleared by PCR the next day, admitted, discharged a week or so later, a few deceased. Two
/// people Bạch Mai reported are transferred to Chợ Rẫy (two merges for `demo-health` to
/// review), and two recent confirmed cases are people whose phones checked in at the city's
/// venues. Built once.
struct DemoHealthData: Sendable {
    static let names = [
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phương", "Đặng Văn Giang", "Bùi Thị Hà", "Đỗ Văn Hùng",
        "Ngô Thị Lan", "Dương Văn Minh", "Lý Thị Ngọc", "Trịnh Văn Phúc", "Mai Thị Quỳnh", "Đinh Văn Sơn", "Hồ Thị Thu", "Phan Văn Tuấn", "Võ Thị Uyên",
        "Tạ Văn Vinh", "Châu Thị Xuân", "Lâm Văn Yên", "Quách Thị Ánh", "Kiều Văn Bảo", "Lưu Thị Châu",
    ]

    /// One demo patient's story: who, which hospital, and the day it began.
    struct Story {
        var row: CaseRow
        var hospital: Principal
        var firstDay: Int
        var outcome: Outcome
        /// Bạch Mai's patients later taken over by Chợ Rẫy.
        var transferred: Bool
    }

    enum Outcome {
        case cleared, recovered(afterDays: Int), deceased(afterDays: Int)
    }

    let health: HealthDataDomain
    let users: UserRepository
    let visits: VisitRepository
    let venues: VenueRepository
    let actors: DemoActors
    let time: DemoTime

    /// Builds the reports of the days before `today` (and today's up to `now`) unless the exchange holds a case already.
    func buildIfMissing(today: Int, now: Date) async throws {
        guard try await health.views.store.cases(HealthCaseFilter(), beforeID: nil, limit: 1).isEmpty else { return }
        for (hospital, name) in [(actors.hospital, "Bệnh viện Bạch Mai"), (actors.hospitalHCM, "Bệnh viện Chợ Rẫy")] where hospital.user.details.displayName == nil {
            try await users.update(id: hospital.user.id, details: AccountDetails(stored: name, phone: nil, orgUnitID: nil))
        }
        var random = SplitMix64(smallSeed: 21)
        var stories: [Story] = []
        var number = 0
        for day in (today - 13)...(today - 1) {
            for hospital in [actors.hospital, actors.hospitalHCM] {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    number += 1
                    stories.append(story(number, hospital: hospital, day: day, using: &random))
                }
            }
        }
        for index in stories.indices where stories[index].hospital.user.id == actors.hospital.user.id && stories[index].firstDay < today - 8 {
            guard stories.filter(\.transferred).count < 2, case .recovered = stories[index].outcome else { continue }
            stories[index].transferred = true
            stories[index].row.person.provinceCode = "79"
        }
        for phone in try await visitorsPhones(from: VietnamDay.start(ofNumber: today - 4) + 10 * 3600, to: VietnamDay.start(ofNumber: today - 2) + 8 * 3600).prefix(2) {
            number += 1
            var story = story(number, hospital: actors.hospitalHCM, day: today - 2, using: &random)
            (story.row.person.phone, story.row.person.provinceCode, story.outcome) = (phone, "79", .recovered(afterDays: 9))
            stories.append(story)
        }
        for report in stories.flatMap(reports).sorted(by: { $0.at < $1.at }) where report.at < now {
            time.set(report.at + 600)
            _ = try await health.entry.enter(report.row, by: report.hospital, caller: actors.caller(report.hospital))
        }
    }

    /// A new patient whose story starts on `day`.
    private func story(_ number: Int, hospital: Principal, day: Int, using random: inout SplitMix64) -> Story {
        let name = Self.names[number % Self.names.count]
        var row = CaseRow(
            person: PersonDetails(
                name: name, birthDate: String(format: "%04d-%02d-%02d", Int.random(in: 1945...2015, using: &random), Int.random(in: 1...12, using: &random), Int.random(in: 1...28, using: &random)),
                gender: name.contains(" Thị ") ? "female" : "male", phone: Int.random(in: 0..<10, using: &random) < 7 ? DemoPeople.phone(300 + number) : nil,
                provinceCode: hospital.user.provinceCode
            )
        )
        row.identifier = (hospital.user.provinceCode == "79" ? "079" : "001") + String(format: "0%02d%06d", number % 100, 100_000 + number)
        let roll = Int.random(in: 0..<20, using: &random)
        let outcome: Outcome = roll < 4 ? .cleared : roll == 4 ? .deceased(afterDays: 5) : .recovered(afterDays: Int.random(in: 7...10, using: &random))
        return Story(row: row, hospital: hospital, firstDay: day, outcome: outcome, transferred: false)
    }

    /// The rows a story's hospitals send, each dated: the rapid test and isolation, the PCR (and
    /// admission), then the discharge or death — the transfer's admission coming from Chợ Rẫy.
    private func reports(_ story: Story) -> [(at: Date, row: CaseRow, hospital: Principal)] {
        func at(_ day: Int, _ hour: Int) -> String { VietnamDay.string(ofNumber: day) + String(format: "T%02d:00:00+07:00", hour) }
        func date(_ day: Int, _ hour: Int) -> Date { VietnamDay.start(ofNumber: day) + TimeInterval(hour * 3600) }
        let day = story.firstDay
        var suspected = story.row
        (suspected.diagnosis, suspected.test, suspected.result, suspected.testedAt, suspected.isolatedAt) = ("suspected", "rapid-antigen", "positive", at(day, 9), at(day, 10))
        var tested = story.row
        (tested.test, tested.testedAt) = ("pcr", at(day + 1, 9))
        var reports = [(date(day, 10), suspected, story.hospital)]
        switch story.outcome {
        case .cleared:
            tested.result = "negative"
            tested.dischargedAt = at(day + 1, 15)
            return reports + [(date(day + 1, 15), tested, story.hospital)]
        case .recovered(let days), .deceased(let days):
            (tested.diagnosis, tested.result, tested.admittedAt) = ("confirmed", "positive", at(day + 1, 14))
            reports.append((date(day + 1, 14), tested, story.hospital))
            var closing = story.row
            if case .deceased = story.outcome { closing.deceasedAt = at(day + days, 4) } else { closing.dischargedAt = at(day + days, 10) }
            var hospital = story.hospital
            if story.transferred {
                var admitted = story.row
                admitted.admittedAt = at(day + 3, 16)
                reports.append((date(day + 3, 16), admitted, actors.hospitalHCM))
                hospital = actors.hospitalHCM
            }
            return reports + [(date(day + days, 10), closing, hospital)]
        }
    }

    /// Demo visitors whose phones checked in at a venue of Hồ Chí Minh City between `start` and `end`
    /// (what becomes the infectious period of the cases they turn out to be).
    private func visitorsPhones(from start: Date, to end: Date) async throws -> [String] {
        let phones = Set((0..<DemoPeople.visitors).map(DemoPeople.phone))
        var provinceOf: [Int64: String] = [:]
        var found: [String] = []
        for visit in try await visits.visits(phones: phones, deviceIDs: [], since: start) where visit.checkedInAt < end {
            guard let phone = visit.phone, !found.contains(phone) else { continue }
            if provinceOf[visit.venueID] == nil { provinceOf[visit.venueID] = try await venues.find(id: visit.venueID)?.details.provinceCode ?? "" }
            if provinceOf[visit.venueID] == "79" { found.append(phone) }
        }
        return found
    }
}
