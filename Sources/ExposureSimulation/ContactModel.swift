import Foundation

/// Two people near each other for a while on one day of the simulation.
public struct Encounter: Sendable {
    public var first: Int32
    public var second: Int32
    public var day: Int16
    /// Seconds after the day's midnight (UTC).
    public var start: Int32
    public var duration: Int32
    /// Metres between the two phones.
    public var distance: Float

    func other(than person: Int32) -> Int32 { person == first ? second : first }
}

/// Who meets whom: households every evening, work or school groups on weekdays, and a few
/// short encounters with random people every day.
struct ContactModel: Sendable {
    let people: Int
    let households: [[Int32]]
    let groups: [[Int32]]

    init(people: Int, generator: inout SeededGenerator) {
        self.people = people
        var order = (0..<Int32(people)).shuffled(using: &generator)
        var households: [[Int32]] = []
        while !order.isEmpty {
            let size = min(order.count, [1, 2, 2, 3, 3, 4, 4, 5].randomElement(using: &generator)!)
            households.append(Array(order.suffix(size)))
            order.removeLast(size)
        }
        order = (0..<Int32(people)).shuffled(using: &generator)
        var groups: [[Int32]] = []
        // Four in five people belong to a work or school group of 6 to 12.
        order.removeLast(people / 5)
        while !order.isEmpty {
            let size = min(order.count, Int.random(in: 6...12, using: &generator))
            groups.append(Array(order.suffix(size)))
            order.removeLast(size)
        }
        self.households = households
        self.groups = groups
    }

    /// The encounters of `day` (0-based; days 5 and 6 of each week are the weekend).
    func encounters(day: Int, generator: inout SeededGenerator) -> [Encounter] {
        var encounters: [Encounter] = []
        func meet(_ first: Int32, _ second: Int32, from: ClosedRange<Int>, minutes: ClosedRange<Int>, metres: ClosedRange<Float>) {
            encounters.append(
                Encounter(
                    first: first, second: second, day: Int16(day), start: Int32(Int.random(in: from, using: &generator)),
                    duration: Int32(Int.random(in: minutes, using: &generator) * 60), distance: Float.random(in: metres, using: &generator)
                )
            )
        }
        for household in households {
            for (index, first) in household.enumerated() {
                for second in household[(index + 1)...] {
                    meet(first, second, from: 17 * 3600...19 * 3600, minutes: 120...300, metres: 0.5...3)
                }
            }
        }
        if day % 7 < 5 {
            for group in groups {
                for (index, first) in group.enumerated() {
                    for second in group[(index + 1)...] where Double.random(in: 0..<1, using: &generator) < 0.3 {
                        meet(first, second, from: 8 * 3600...15 * 3600, minutes: 10...120, metres: 1...6)
                    }
                }
            }
        }
        for first in 0..<Int32(people) {
            for _ in 0..<2 {
                let second = Int32.random(in: 0..<Int32(people), using: &generator)
                guard second != first else { continue }
                meet(first, second, from: 7 * 3600...21 * 3600, minutes: 2...30, metres: 1...10)
            }
        }
        return encounters
    }
}
