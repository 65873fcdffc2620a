/// Every domain service, built once by the composition root; controllers take the ones they call.
struct AppServices: Sendable {
    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService

    init(environment: AppEnvironment) {
        let venueDomain = VenueDomain(
            database: environment.database, audit: environment.auditRecorder, divisions: environment.divisions, clock: environment.clock,
            settings: environment.configuration.venueSettings
        )
        venues = venueDomain.venues
        checkIns = venueDomain.checkIns
        outbreaks = venueDomain.outbreaks
    }
}
