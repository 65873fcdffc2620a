import CovizoneCore
import Foundation
import Testing

@testable import HealthDataExchange

@Suite("Daily case figures")
struct CaseFiguresTests {
    /// 2027-01-10 in Vietnam.
    static let firstDay = VietnamDay.number(from: "2027-01-10")!

    /// A time on day `offset` after the first, at `hour` Vietnam time.
    static func at(_ offset: Int, _ hour: Int = 10) -> Date {
        VietnamDay.start(ofNumber: firstDay + offset).addingTimeInterval(Double(hour) * 3600)
    }

    static func history(_ id: Int64, _ province: String?, _ events: [(CaseEvent, Int64?, Date)]) -> CaseHistory {
        CaseHistory(patientID: id, provinceCode: province, events: events.map { CaseTimeline.Event(event: $0.0, facility: $0.1, at: $0.2) })
    }

    @Test("a suspicion confirmed, admitted and discharged counts on each of its days; active and beds at each day's end")
    func oneCase() {
        let history = Self.history(1, "01", [(.suspected, 7, Self.at(0)), (.confirmed, 7, Self.at(1)), (.admitted, 8, Self.at(1, 20)), (.recovered, 8, Self.at(3))])
        let days = Self.firstDay...(Self.firstDay + 4)
        let figures = CaseFigures.daily([history], days: days)["01"] ?? []
        #expect(figures.map(\.newSuspected) == [1, 0, 0, 0, 0])
        #expect(figures.map(\.newConfirmed) == [0, 1, 0, 0, 0])
        #expect(figures.map(\.active) == [0, 1, 1, 0, 0])
        #expect(figures.map(\.recovered) == [0, 0, 0, 1, 0])
        #expect(figures.map(\.bedsByFacility) == [[:], [8: 1], [8: 1], [:], [:]], "the bed is the admitting facility's, freed on discharge")
    }

    @Test("a case first reported confirmed is not also a new suspicion; a later suspicion report is not a new case; days are Vietnam's")
    func openingAndDays() {
        let confirmedFirst = Self.history(1, "01", [(.confirmed, 7, Self.at(0, 23)), (.isolated, 7, Self.at(0, 23))])
        let suspectedTwice = Self.history(2, "79", [(.suspected, 9, Self.at(0, 1)), (.suspected, 9, Self.at(1)), (.deceased, 9, Self.at(2))])
        let days = Self.firstDay...(Self.firstDay + 2)
        let byProvince = CaseFigures.daily([confirmedFirst, suspectedTwice], days: days)
        #expect(byProvince["01"]?.map(\.newSuspected) == [0, 0, 0] && byProvince["01"]?.map(\.newConfirmed) == [1, 0, 0])
        #expect(byProvince["01"]?.map(\.bedsOccupied) == [1, 1, 1], "23:00 Vietnam time is still the first day")
        #expect(byProvince["79"]?.map(\.newSuspected) == [1, 0, 0] && byProvince["79"]?.map(\.deceased) == [0, 0, 1])
        #expect(byProvince["79"]?.map(\.active) == [0, 0, 0], "a suspicion is not an active case")
        let isolatedSuspect = Self.history(3, "01", [(.suspected, 9, Self.at(0)), (.isolated, 9, Self.at(0, 11))])
        let isolated = CaseFigures.total([isolatedSuspect], days: days)
        #expect(isolated.map(\.active) == [0, 0, 0] && isolated.map(\.bedsOccupied) == [1, 1, 1], "an isolated suspect holds a bed but is not an active case")
        let total = CaseFigures.total([confirmedFirst, suspectedTwice], days: days)
        #expect(total.map(\.newSuspected) == [1, 0, 0] && total.map(\.active) == [1, 1, 1])
    }

    @Test("changes before the days counted set where a case stands; changes after them do not count")
    func outsideTheRange() {
        let history = Self.history(1, nil, [(.confirmed, 7, Self.at(-5)), (.admitted, 7, Self.at(-4)), (.recovered, 7, Self.at(5))])
        let figures = CaseFigures.daily([history], days: Self.firstDay...(Self.firstDay + 1))[nil] ?? []
        #expect(figures.map(\.newConfirmed) == [0, 0] && figures.map(\.recovered) == [0, 0])
        #expect(figures.map(\.active) == [1, 1] && figures.map(\.bedsOccupied) == [1, 1])
    }

    @Test("a transfer moves the bed to the facility that admits the case; a late report is counted on its own day")
    func transferAndLateReport() {
        let transferred = Self.history(1, "01", [(.confirmed, 7, Self.at(0)), (.admitted, 7, Self.at(0, 12)), (.admitted, 8, Self.at(2))])
        let figures = CaseFigures.total([transferred], days: Self.firstDay...(Self.firstDay + 2))
        #expect(figures.map(\.bedsByFacility) == [[7: 1], [7: 1], [8: 1]])
        let late = Self.history(2, "01", [(.suspected, 7, Self.at(0)), (.confirmed, 7, Self.at(2)), (.isolated, 9, Self.at(1))])
        let counted = CaseFigures.total([late], days: Self.firstDay...(Self.firstDay + 2))
        #expect(counted.map(\.newConfirmed) == [0, 0, 1] && counted.map(\.bedsOccupied) == [0, 1, 1], "the isolation reported last happened on the second day")
    }
}
