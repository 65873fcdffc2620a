import CovizoneCore
import CovizoneStore
import FacilitySafety
import Logging

/// The safety map's services over one store: facilities, self-checks, feedback, the map and its
/// figures, and the hub that pushes live changes. Built once per server.
struct SafetyDomain: Sendable {
    let facilities: FacilityService
    let selfChecks: SelfCheckService
    let feedback: FeedbackService
    let map: SafetyMapService
    let statistics: SafetyStatisticsService
    let events: SafetyEventHub

    init(database: Database, checklists: ChecklistCatalog, audit: AuditRecorder, divisions: AdministrativeDivisions, clock: WallClock, logger: Logger) {
        let facilityRepository = FacilityRepository(database: database)
        let selfCheckRepository = SelfCheckRepository(database: database)
        let venues = VenueRepository(database: database)
        facilities = FacilityService(
            facilities: facilityRepository, users: UserRepository(database: database), venues: venues, audit: audit, divisions: divisions, clock: clock
        )
        selfChecks = SelfCheckService(checklists: checklists, selfChecks: selfCheckRepository, facilities: facilities, clock: clock)
        feedback = FeedbackService(feedback: FeedbackRepository(database: database), facilities: facilities, checklists: checklists, audit: audit, clock: clock)
        map = SafetyMapService(
            facilities: facilityRepository, wardLevels: WardRiskRepository(database: database), outbreaks: OutbreakRepository(database: database),
            venues: venues, audit: audit, divisions: divisions, clock: clock
        )
        statistics = SafetyStatisticsService(facilities: facilityRepository, selfChecks: selfCheckRepository, clock: clock)
        events = SafetyEventHub(events: SafetyEventRepository(database: database), logger: logger)
    }
}
