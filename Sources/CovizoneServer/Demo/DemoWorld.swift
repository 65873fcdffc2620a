import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Logging

/// The demo world `serve --demo` shows: two weeks of a province's and a city's epidemic work,
/// built through the same services the API uses, on a clock set to each moment in the recent
/// past at which a demo person acts. Each later start adds the days that are missing, so that
/// the dashboards' "today" has content on any day. Venues, declarations, exposure and the safety map are built
/// side by side, each on its own clock.
struct DemoWorld: Sendable {
    /// How many days up to today the demo holds.
    static let days = 14

    /// The services, on a given clock.
    let services: @Sendable (WallClock) -> AppServices
    let users: UserRepository
    let sessions: SessionRepository
    let texts: TextMessageRepository
    let demoDays: DemoDayRepository
    let database: Database
    let messaging: MessagingSettings
    let divisions: AdministrativeDivisions
    let healthAuthorityID: String
    let logger: Logger

    /// Adds the days of the last two weeks that the demo does not hold yet, up to `now`; the
    /// first time also the venues, household and campaign. Returns what it did, in a sentence.
    func build(now: Date) async throws -> String {
        let started = ContinuousClock.now
        let today = VietnamDay.number(of: now)
        let built = Set(try await demoDays.days())
        let missing = ((today - Self.days + 1)...today).filter { !built.contains(VietnamDay.string(ofNumber: $0)) }
        guard let firstMissing = missing.first else { return "The demo world is up to date." }
        let isNew = built.isEmpty
        let actors = try await DemoActors.signIn(users: users, sessions: sessions, at: VietnamDay.start(ofNumber: firstMissing))
        do {
            try await add(days: missing, today: today, now: now, isNew: isNew, actors: actors)
            try await actors.signOut()
        } catch {
            try? await actors.signOut()
            throw error
        }
        let seconds = (ContinuousClock.now - started).components
        return "The demo world now holds \(isNew ? "" : "\(missing.count) more ")days up to \(VietnamDay.string(ofNumber: today)) (built in "
            + String(format: "%.1f", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18) + " s)."
    }

    private func add(days: [Int], today: Int, now: Date, isNew: Bool, actors: DemoActors) async throws {
        async let venues: Void = venues(days: days, today: today, now: now, isNew: isNew, actors: actors)
        async let declarations: Void = declarations(days: days, now: now, isNew: isNew, actors: actors)
        async let exposure: Void = exposure(days: days, now: now, actors: actors)
        async let safety: Void = safety(days: days, today: today, now: now, actors: actors)
        _ = try await (venues, declarations, exposure, safety)
        if isNew {
            let time = DemoTime(now)
            let services = services(time.clock)
            try await DemoCampaign(
                audiences: services.audiences, campaigns: services.campaigns, database: database, messaging: messaging, divisions: divisions,
                actors: actors, time: time, logger: logger
            ).send(on: today - 1)
            try await DemoReporting(
                reporting: services.reporting, accounts: services.accountManagement, users: users, actors: actors, time: time
            ).build(today: today)
        }
        let time = DemoTime(now)
        try await DemoInformation(information: services(time.clock).information, users: users, actors: actors, time: time).buildIfMissing(on: today - 1)
        let deskTime = DemoTime(now)
        try await DemoMisinformation(desk: services(deskTime.clock).misinformation, actors: actors, time: deskTime).buildIfMissing(today: today)
        let healthTime = DemoTime(now)
        try await DemoHealthData(
            health: services(healthTime.clock).health, users: users, visits: VisitRepository(database: database), venues: VenueRepository(database: database), actors: actors,
            time: healthTime
        ).buildIfMissing(today: today, now: now)
        for day in days { try await demoDays.add(VietnamDay.string(ofNumber: day), at: now) }
    }

    /// Venues, the days' check-ins, and an outbreak each week and the day before the first start
    /// (so that zoning always shows one).
    private func venues(days: [Int], today: Int, now: Date, isNew: Bool, actors: DemoActors) async throws {
        let time = DemoTime(now)
        let services = services(time.clock)
        let venues = DemoVenues(venues: services.venues, checkIns: services.checkIns, outbreaks: services.outbreaks, actors: actors, time: time)
        if isNew { try await venues.register(on: days[0]) }
        for day in days {
            try await venues.checkIns(on: day, until: now)
            if day < today, day > today - 7, day % 7 == 0 || (isNew && day == today - 1) { try await venues.declareOutbreak(on: day) }
        }
    }

    /// Arrivals on the worklist and the household's updates.
    private func declarations(days: [Int], now: Date, isNew: Bool, actors: DemoActors) async throws {
        let time = DemoTime(now)
        let services = services(time.clock)
        let declarations = DemoDeclarations(declarations: services.declarations, households: services.households, texts: texts, actors: actors, time: time)
        let household = isNew ? try await declarations.openHousehold(on: days[0]) : try await declarations.signInHousehold(on: days[0])
        for day in days {
            try await declarations.arrivals(on: day, until: now)
            try await declarations.householdUpdates(on: day, token: household, until: now)
        }
    }

    /// The safety map: facilities, the week's self-checks, citizens' reports (the day before today,
    /// on a first build) and the wards' levels.
    private func safety(days: [Int], today: Int, now: Date, actors: DemoActors) async throws {
        let time = DemoTime(now)
        let services = services(time.clock)
        let safety = DemoSafety(
            facilities: services.safety.facilities, selfChecks: services.safety.selfChecks, feedback: services.safety.feedback, map: services.safety.map,
            actors: actors, time: time
        )
        try await safety.registerIfMissing(on: days[0])
        for day in days { try await safety.selfChecks(on: day, until: now) }
        if days.contains(today - 1) {
            try await safety.reports(on: today - 1)
            try await safety.wardLevels(on: today - 1)
        }
    }

    /// Upload codes and published keys.
    private func exposure(days: [Int], now: Date, actors: DemoActors) async throws {
        let time = DemoTime(now)
        let services = services(time.clock)
        let exposure = DemoExposure(
            uploadCodes: services.uploadCodes, verification: services.verification, keyPublication: services.keyPublication,
            healthAuthorityID: healthAuthorityID, actors: actors, time: time
        )
        for day in days { try await exposure.uploads(on: day, until: now) }
    }
}
