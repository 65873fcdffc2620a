import CampaignDispatch
import CovizoneCore
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
    let uploadCodes: UploadCodeService
    let verification: VerificationService
    let keyPublication: KeyPublicationService
    let exposure: ExposureService
    let accounts: AccountService
    let accountManagement: AccountManagementService
    let audit: AuditService
    let receipts: DeliveryReceiptService
    let safety: SafetyDomain
    let reporting: ReportingDomain
    let information: InformationDomain
    let misinformation: MisinformationDomain
    let health: HealthDataDomain

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
        let database = environment.database
        let keyring = environment.exposureKeyring
        uploadCodes = UploadCodeService(codes: UploadCodeRepository(database: database), audit: environment.auditRecorder, clock: environment.clock)
        verification = VerificationService(
            codes: UploadCodeRepository(database: database), keyring: keyring,
            guesses: AttemptThrottle(attempts: AttemptRepository(database: database), window: configuration.loginThrottleWindow.timeInterval),
            guessLimits: .init(perName: configuration.exposure.maximumCodeGuesses, perAddress: configuration.maximumFailedLoginsPerAddress),
            settings: configuration.exposure, clock: environment.clock
        )
        keyPublication = KeyPublicationService(
            keys: ExposureKeyRepository(database: database), keyring: keyring, settings: configuration.exposure, clock: environment.clock
        )
        exposure = ExposureService(
            riskConfigurations: RiskConfigurationRepository(database: database), statistics: ExposureStatisticsRepository(database: database),
            exports: ExportRepository(database: database), keyring: keyring, audit: environment.auditRecorder, clock: environment.clock,
            region: configuration.exposure.region
        )
        accounts = AccountService(
            users: environment.users, sessions: environment.sessions, failures: environment.attempts, hasher: environment.hasher,
            audit: environment.auditRecorder, clock: environment.clock,
            settings: .init(
                throttleWindow: configuration.loginThrottleWindow, maximumFailuresPerAccount: configuration.maximumFailedLoginsPerAccount,
                maximumFailuresPerAddress: configuration.maximumFailedLoginsPerAddress, sessionLifetime: configuration.sessionLifetime,
                tokenLifetime: configuration.tokenLifetime
            )
        )
        accountManagement = AccountManagementService(
            users: environment.users, invitations: AccountInvitationRepository(database: database), log: environment.audit, orgUnits: OrgUnitBinding(units: OrgUnitRepository(database: database)), textMessages: environment.textMessages,
            hasher: environment.hasher, audit: environment.auditRecorder, divisions: environment.divisions, clock: environment.clock,
            publicHost: configuration.publicHost
        )
        audit = AuditService(log: environment.audit, audit: environment.auditRecorder)
        safety = SafetyDomain(
            database: database, checklists: environment.checklists, audit: environment.auditRecorder, divisions: environment.divisions, clock: environment.clock,
            logger: logger
        )
        reporting = ReportingDomain(
            database: database, forms: [environment.reportingForm], audit: environment.auditRecorder, textMessages: environment.textMessages,
            clock: environment.clock, lockDays: configuration.reportingLockDays, codeMapping: configuration.reportingCodeMapping, publicHost: configuration.publicHost
        )
        information = InformationDomain(database: database, audit: environment.auditRecorder, divisions: environment.divisions, clock: environment.clock)
        misinformation = MisinformationDomain(
            database: database, settings: configuration.misinformation, audit: environment.auditRecorder, textMessages: environment.textMessages,
            divisions: environment.divisions, clock: environment.clock, publicHost: configuration.publicHost
        )
        health = HealthDataDomain(
            database: database, accounts: (environment.users, environment.sessions, environment.attempts), divisions: environment.divisions,
            uploadCodes: uploadCodes, outbreaks: outbreaks, codeMapping: configuration.reportingCodeMapping, audit: environment.auditRecorder,
            clock: environment.clock
        )
        receipts = DeliveryReceiptService(
            queue: OutboundQueueRepository(database: database), providers: configuration.messaging.httpProviders, clock: environment.clock
        )
    }
}
