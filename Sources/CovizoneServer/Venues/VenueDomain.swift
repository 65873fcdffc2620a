import CovizoneCore
import CovizoneStore

/// The venue domain's services over one store: venues, check-ins (with the caches of passes and
/// approved venues and the batching queue they share) and outbreaks. Built once per server.
struct VenueDomain: Sendable {
    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService

    init(database: Database, audit: AuditRecorder, divisions: AdministrativeDivisions, clock: WallClock, settings: VenueSettings) {
        let keyring = VenueKeyring(keys: SigningKeyRepository(database: database), clock: clock)
        let venueRepository = VenueRepository(database: database)
        let visits = VisitRepository(database: database)
        venues = VenueService(venues: venueRepository, keyring: keyring, audit: audit, divisions: divisions, clock: clock, settings: settings)
        checkIns = CheckInService(
            passes: VenuePassVerifier(keyring: keyring), approvedVenues: ApprovedVenueCache(venues: venueRepository),
            queue: CheckInWriter.queue(database: database, clock: clock), visits: visits, statistics: CheckInStatisticsRepository(database: database),
            audit: audit, clock: clock, settings: settings
        )
        outbreaks = OutbreakService(outbreaks: OutbreakRepository(database: database), visits: visits, venues: venues, audit: audit, clock: clock, settings: settings)
    }
}
