import ExposureNotification
import Foundation

/// A confirmed case that publishes its keys.
struct ConfirmedCase: Sendable {
    var person: Int
    var onsetDay: Int
}

/// The simulated population over the simulated days: encounters, the epidemic and every phone's keys.
struct World: Sendable {
    let parameters: SimulationParameters
    /// UTC midnight of day 0.
    let firstDay: Date
    let encounters: [Encounter]
    /// Positions in ``encounters`` per person.
    let encountersByPerson: [[Int32]]
    let epidemic: Epidemic
    /// Each person's temporary exposure key of each day.
    let keys: [[TemporaryExposureKey]]
    let generator: SeededGenerator

    init(parameters: SimulationParameters, progress: @Sendable (String, Double) -> Void) {
        self.parameters = parameters
        let generator = SeededGenerator(seed: parameters.seed)
        self.generator = generator
        let today = ENIntervalNumber(date: parameters.now).dayStart.date
        firstDay = today - TimeInterval(parameters.days) * 86_400
        var modelGenerator = generator.derived(1)
        let model = ContactModel(people: parameters.people, generator: &modelGenerator)

        var epidemic = Epidemic(people: parameters.people)
        var seeding = generator.derived(2)
        for _ in 0..<max(3, parameters.people / 300) {
            epidemic.infect(Int.random(in: 0..<parameters.people, using: &seeding), on: -Int.random(in: 0...4, using: &seeding), generator: &seeding)
        }
        var encounters: [Encounter] = []
        for day in 0..<parameters.days {
            var dayGenerator = generator.derived(100 + UInt64(day))
            let today = model.encounters(day: day, generator: &dayGenerator)
            epidemic.spread(today, day: day, generator: &dayGenerator)
            encounters += today
            progress("contacts", Double(day + 1) / Double(parameters.days))
        }
        var byPerson = [[Int32]](repeating: [], count: parameters.people)
        for (position, encounter) in encounters.enumerated() {
            byPerson[Int(encounter.first)].append(Int32(position))
            byPerson[Int(encounter.second)].append(Int32(position))
        }
        var keyGenerator = generator.derived(3)
        let firstDay = self.firstDay
        keys = (0..<parameters.people).map { _ in
            (0..<parameters.days).map { day in TemporaryExposureKey.generate(for: firstDay + TimeInterval(day) * 86_400, using: &keyGenerator) }
        }
        self.encounters = encounters
        self.encountersByPerson = byPerson
        self.epidemic = epidemic
    }

    /// `YYYY-MM-DD` of simulated day `day`.
    func dayString(_ day: Int) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: firstDay + TimeInterval(day) * 86_400)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// People with symptoms who were tested (4 in 5) and agreed to publish (9 in 10), by the last day.
    func confirmedCases() -> [ConfirmedCase] {
        var chooser = generator.derived(4)
        return (0..<parameters.people).compactMap { person in
            guard epidemic.symptomatic[person], let onset = epidemic.onsetDay[person], (0...parameters.days - 2).contains(onset) else { return nil }
            let tested = Double.random(in: 0..<1, using: &chooser) < 0.8
            let agreed = Double.random(in: 0..<1, using: &chooser) < 0.9
            return tested && agreed ? ConfirmedCase(person: person, onsetDay: onset) : nil
        }
    }

    /// People (other than the cases) who spent at least 15 minutes within 2 metres of a case on
    /// one day on which the case was infectious by the risk model (5 days before to 9 after onset).
    func closeContacts(of cases: [ConfirmedCase]) -> Set<Int> {
        let caseOnsets = Dictionary(uniqueKeysWithValues: cases.map { ($0.person, $0.onsetDay) })
        var minutes: [Int: Double] = [:]  // (contact, case, day) packed
        for encounter in encounters where encounter.distance <= 2 {
            for (contact, source) in [(encounter.first, encounter.second), (encounter.second, encounter.first)] {
                guard let onset = caseOnsets[Int(source)], caseOnsets[Int(contact)] == nil,
                    (-5...9).contains(Int(encounter.day) - onset)
                else { continue }
                let slot = (Int(contact) * parameters.people + Int(source)) * 16 + Int(encounter.day)
                minutes[slot, default: 0] += Double(encounter.duration) / 60
            }
        }
        return Set(minutes.filter { $0.value >= 15 }.map { $0.key / 16 / parameters.people })
    }
}
