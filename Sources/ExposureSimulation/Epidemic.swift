import Foundation

/// Who was infected, when symptoms began, and who was confirmed by a test.
struct Epidemic: Sendable {
    /// Day of infection per person (nil: never infected).
    var infectedDay: [Int?]
    /// Day symptoms began (or would have, for infectiousness) per infected person.
    var onsetDay: [Int?]
    var symptomatic: [Bool]

    init(people: Int) {
        infectedDay = Array(repeating: nil, count: people)
        onsetDay = Array(repeating: nil, count: people)
        symptomatic = Array(repeating: false, count: people)
    }

    /// Whether `person` spreads the virus on `day`: from two days before onset to seven after.
    func isInfectious(_ person: Int, on day: Int) -> Bool {
        guard let onset = onsetDay[person] else { return false }
        return (onset - 2...onset + 7).contains(day)
    }

    mutating func infect(_ person: Int, on day: Int, generator: inout SeededGenerator) {
        guard infectedDay[person] == nil else { return }
        infectedDay[person] = day
        onsetDay[person] = day + Int.random(in: 3...6, using: &generator)
        symptomatic[person] = Double.random(in: 0..<1, using: &generator) < 0.7
    }

    /// Spreads along `encounters` of one day: the chance grows with the time together and falls
    /// with the square of the distance.
    mutating func spread(_ encounters: [Encounter], day: Int, generator: inout SeededGenerator) {
        for encounter in encounters {
            let first = Int(encounter.first)
            let second = Int(encounter.second)
            let minutes = Double(encounter.duration) / 60
            let closeness = min(1, 1 / Double(encounter.distance * encounter.distance))
            let chance = 1 - exp(-0.004 * minutes * closeness)
            if isInfectious(first, on: day), infectedDay[second] == nil, Double.random(in: 0..<1, using: &generator) < chance {
                infect(second, on: day, generator: &generator)
            } else if isInfectious(second, on: day), infectedDay[first] == nil, Double.random(in: 0..<1, using: &generator) < chance {
                infect(first, on: day, generator: &generator)
            }
        }
    }
}
