import CampaignDispatch
import CovizoneStore
import Logging

/// Every domain service, built once by the composition root; controllers take the ones they call.
struct AppServices: Sendable {
    let venues: VenueService
    let checkIns: CheckInService
    let outbreaks: OutbreakService
    let declarations: DeclarationService
    let households: HouseholdService
    let audiences: AudienceService
    let campaigns: CampaignService

    init(environment: AppEnvironment, logger: Logger) {
        let configuration = environment.configuration
        let venueDomain = VenueDomain(
            database: environment.database, audit: environment.auditRecorder, divisions: environment.divisions, clock: environment.clock,
            settings: configuration.venueSettings
        )
        venues = venueDomain.venues
        checkIns = venueDomain.checkIns
        outbreaks = venueDomain.outbreaks
        let declarationDomain = DeclarationDomain(
            database: environment.database, questionnaires: environment.questionnaires, audit: environment.auditRecorder,
            textMessages: environment.textMessages, divisions: environment.divisions, clock: environment.clock, publicHost: configuration.publicHost,
            codeLimits: .init(perName: configuration.maximumOneTimeCodesPerHour, perNameAndAddress: configuration.maximumOneTimeCodesPerAddress)
        )
        declarations = declarationDomain.declarations
        households = declarationDomain.households
        audiences = AudienceService(
            audiences: AudienceRepository(database: environment.database), audit: environment.auditRecorder, divisions: environment.divisions,
            clock: environment.clock, logger: logger
        )
        campaigns = CampaignService(
            campaigns: CampaignRepository(database: environment.database), statistics: CampaignStatisticsRepository(database: environment.database),
            audiences: audiences, messages: CampaignMessages(divisions: environment.divisions), audit: environment.auditRecorder, clock: environment.clock,
            settings: configuration.messaging
        )
    }
}
