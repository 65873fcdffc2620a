import CampaignDispatch
import CommunicationReporting
import CovizoneCore
import CovizoneStore
import FacilitySafety
import ExposureNotification
import Foundation
import HealthDeclaration
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Covizone's one composition root: opens and migrates the store, creates the first accounts,
/// and wires repositories, services, middleware and routes into a Hummingbird application.
///
/// - Parameters:
///   - clock: the time source (tests move it to expire tokens).
///   - announce: where one-time messages go, such as the first administrator's password.
///   - onListening: called with the port once the server listens (useful with port 0).
public func buildApplication(
    configuration: ServerConfiguration,
    clock: WallClock = .system,
    announce: @escaping @Sendable (String) -> Void = { print($0) },
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "covizone")
    logger.logLevel = configuration.logLevel
    let (configuration, demoSMSC) = try await DemoMode.prepare(configuration, announce: announce)
    let environment: AppEnvironment
    do {
        environment = try await buildEnvironment(configuration: configuration, clock: clock, announce: announce, logger: logger)
    } catch {
        try? await demoSMSC?.close()
        throw error
    }
    if configuration.demo {
        do {
            try await DemoMode.buildWorld(environment: environment, logger: logger, announce: announce)
        } catch {
            try? await environment.database.shutdown()
            try? await demoSMSC?.close()
            throw error
        }
    }
    let appServices = AppServices(environment: environment, logger: logger)
    let router = buildRouter(environment: environment, services: appServices)
    var backgroundServices: [any Service] = [
        RetentionService(database: environment.database, configuration: configuration, clock: clock, logger: logger),
        DeclarationReminderService(
            households: HouseholdRepository(database: environment.database), textMessages: environment.textMessages, clock: clock,
            publicHost: configuration.publicHost, logger: logger
        ),
        ExposureExportService(
            exporter: ExposureExporter(database: environment.database, settings: configuration.exposure, clock: clock, logger: logger), logger: logger
        ),
        SafetyReminderService(
            facilities: FacilityRepository(database: environment.database), textMessages: environment.textMessages, clock: clock,
            hour: configuration.safetyReminderHour, publicHost: configuration.publicHost, logger: logger
        ),
        InfoSearchWarmUpService(search: appServices.information.search, logger: logger),
        MisinformationUpkeepService(
            desk: appServices.misinformation, database: environment.database, trainingHour: configuration.misinformation.trainingHour, clock: clock, logger: logger
        ),
    ]
    if environment.smsGateway != nil || !configuration.messaging.httpProviders.isEmpty {
        let gateway = environment.smsGateway ?? SMSGateway(connections: [], logger: logger)
        let dispatcher = OutboundDispatcher(
            database: environment.database, settings: configuration.messaging, divisions: environment.divisions, clock: clock, gateway: gateway,
            incoming: IncomingTextHandlers([appServices.information.smsAnswers, appServices.misinformation.smsTips]), logger: logger
        )
        backgroundServices.append(
            OutboundDispatchService(worker: MessagingWorker(dispatcher: dispatcher, gateway: gateway, idleInterval: configuration.messaging.idleInterval, logger: logger))
        )
    }
    var services: [any Service] = [DatabaseService(database: environment.database, logger: logger)]
    if let demoSMSC { services.append(LoopbackSMSCService(channel: demoSMSC, logger: logger)) }
    if let address = configuration.metricsAddress {
        let metricsRouter = Router(context: AppRequestContext.self)
        OperationsController(database: environment.database, metrics: environment.metrics, openAPIDocument: environment.openAPIDocument)
            .addMetricsRoute(to: metricsRouter)
        services.append(
            Application(router: metricsRouter, configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Covizone metrics"), logger: logger)
        )
    }
    if configuration.backgroundServices { services += backgroundServices }
    logger.info("store ready", metadata: ["store.location": "\(environment.database.location)"])
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Covizone"),
        services: services,
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// Loads reference data and templates, opens and migrates the store, and creates the first accounts.
/// Whoever receives the environment owns its database and must shut it down.
func buildEnvironment(
    configuration: ServerConfiguration, clock: WallClock, announce: (String) -> Void, logger: Logger
) async throws -> AppEnvironment {
    let problems = configuration.problems()
    guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
    let metrics = MetricsRegistry.shared  // before anything creates a metric
    let divisions = try AdministrativeDivisions.bundled()
    let localizer = try Localizer.load(from: ServerResources.directory.appendingPathComponent("Localization"))
    let renderer = try await PageRenderer.load(resources: ServerResources.directory, localizer: localizer, divisions: divisions)
    let openAPI = try ByteBuffer(bytes: Data(contentsOf: ServerResources.directory.appendingPathComponent("openapi.yaml")))
    let hasher = PasswordHasher(cost: configuration.passwordHashCost)
    let questionnaires = try QuestionnaireCatalog.bundled()
    let checklists = try ChecklistCatalog.bundled()
    let reportingForm = try ReportingForm.bundledCommunication()

    let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
    let environment = AppEnvironment(
        configuration: configuration, database: database, users: UserRepository(database: database),
        sessions: SessionRepository(database: database), audit: AuditLogRepository(database: database),
        attempts: AttemptRepository(database: database), divisions: divisions, geography: try VietnamMap.bundled(), clock: clock, hasher: hasher,
        renderer: renderer, openAPIDocument: openAPI, metrics: metrics,
        questionnaires: questionnaires, checklists: checklists, reportingForm: reportingForm,
        textMessages: TextMessageOutbox(messages: TextMessageRepository(database: database), logger: logger, writesToLog: configuration.writesTextMessagesToLog),
        smsGateway: configuration.messaging.connections.isEmpty ? nil : SMSGateway(connections: configuration.messaging.connections, logger: logger)
    )
    do {
        let firstStart = FirstStart(accounts: environment.accounts, users: environment.users)
        try await firstStart.ensureAdministrator(announce: announce)
        if configuration.demo { try await firstStart.seedDemo(announce: announce) }
        try await environment.exposureKeyring.ensureKeys()
        try await VenueKeyring(keys: SigningKeyRepository(database: database), clock: clock).ensureKey()
        try await OrgUnitService.ensureSystemUnits(OrgUnitRepository(database: database), divisions: divisions, at: clock.now)
        try await HotlineService.ensureNational(HotlineRepository(database: database), at: clock.now)
    } catch {
        try? await database.shutdown()
        throw error
    }
    return environment
}

/// Opens the configured store and applies pending migrations (used by `serve`, `migrate`, `user`).
public func openMigratedDatabase(configuration: ServerConfiguration, logger: Logger) async throws -> Database {
    let database = try await Database.open(
        configuration.databaseLocation, connectionsPerEventLoop: configuration.databaseConnectionsPerEventLoop, logger: logger
    )
    do {
        try await Migrator().migrate(database, logger: logger)
    } catch {
        try? await database.shutdown()
        throw error
    }
    return database
}

/// All routes: operations endpoints, the JSON API under `/api/v1` (bearer tokens) and the web
/// pages (session cookie).
func buildRouter(environment: AppEnvironment, services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let cookies = CookieFactory(secure: !environment.configuration.insecureCookies)
    router.add(middleware: ClientAddressMiddleware(trustedProxies: environment.configuration.trustedProxies))
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: environment.renderer))
    router.add(middleware: AddressLimitMiddleware(limiter: AddressRateLimiter(), limits: environment.configuration.addressLimits, clock: environment.clock))
    router.add(middleware: FileMiddleware(ServerResources.directory.appendingPathComponent("Static").path, urlBasePath: "/static"))
    OperationsController(database: environment.database, metrics: environment.metrics, openAPIDocument: environment.openAPIDocument)
        .addRoutes(to: router, servesMetrics: environment.configuration.metricsAddress == nil)

    let api = router.group("api/v1")
        .add(middleware: BearerTokenAuthenticator(sessions: environment.sessions, clock: environment.clock))
    AuthController(accounts: services.accounts).addRoutes(to: api)
    DivisionsController(divisions: environment.divisions).addRoutes(to: api)
    UsersController(accounts: services.accountManagement, divisions: environment.divisions).addRoutes(to: api)
    AccountsController(accounts: services.accountManagement, divisions: environment.divisions).addRoutes(to: api)
    AuditController(audit: services.audit).addRoutes(to: api)
    ExposureController(exposure: services.exposure).addRoutes(to: api)
    UploadCodesController(codes: services.uploadCodes).addRoutes(to: api)
    let chaff = ChaffLatency()
    VerificationController(verification: services.verification, chaff: chaff).addRoutes(to: api)
    PublishController(publication: services.keyPublication, chaff: chaff).addRoutes(to: api)
    ExportFilesController(exposure: services.exposure).addRoutes(files: router, api: api)
    VenuesController(venues: services.venues).addRoutes(to: api)
    CheckInsController(checkIns: services.checkIns).addRoutes(to: api)
    VenueVisitsController(venues: services.venues, checkIns: services.checkIns, outbreaks: services.outbreaks).addRoutes(to: api)
    OutbreaksController(outbreaks: services.outbreaks).addRoutes(to: api)
    QuestionnairesController(catalog: environment.questionnaires).addRoutes(to: api)
    SMSPreviewController().addRoutes(to: api)
    let campaignsAPI = CampaignsController(campaigns: services.campaigns, audiences: services.audiences)
    campaignsAPI.addRoutes(to: api)
    HTTPReceiptsController(receipts: services.receipts).addRoutes(to: api)
    EntryDeclarationsController(declarations: services.declarations).addRoutes(to: api)
    HouseholdsController(households: services.households, declarations: services.declarations).addRoutes(to: api)
    DeclarationWorklistController(declarations: services.declarations, divisions: environment.divisions).addRoutes(to: api)
    SafetyFacilitiesController(facilities: services.safety.facilities, selfChecks: services.safety.selfChecks, clock: environment.clock).addRoutes(to: api)
    SafetyFeedbackController(feedback: services.safety.feedback, divisions: environment.divisions).addRoutes(to: api)
    SafetyMapController(map: services.safety.map, statistics: services.safety.statistics, divisions: environment.divisions).addRoutes(to: api)
    SafetyEventsController(hub: services.safety.events).addRoutes(to: api)
    OrgUnitsController(units: services.reporting.tree).addRoutes(to: api)
    ReportingRoundsController(reporting: services.reporting).addRoutes(to: api)
    let reportingFiles = ReportingSummaryController(reporting: services.reporting, clock: environment.clock)
    reportingFiles.addRoutes(to: api)
    ReportingFormsController(forms: [environment.reportingForm]).addRoutes(to: api)
    InfoEntriesController(
        entries: services.information.entries, search: services.information.search, questions: services.information.questions,
        divisions: environment.divisions
    ).addRoutes(to: api)
    InfoQuestionsController(questions: services.information.questions).addRoutes(to: api)
    HealthFacilitiesController(facilities: services.information.facilities, divisions: environment.divisions).addRoutes(to: api)
    AnnouncementsController(announcements: services.information.announcements, hotlines: services.information.hotlines, divisions: environment.divisions)
        .addRoutes(to: api)
    MachineClientsController(clients: services.health.machineClients).addRoutes(to: api)
    let healthCases = HealthCasesController(health: services.health, divisions: environment.divisions)
    healthCases.addRoutes(to: api)
    HealthCaseLinksController(links: services.health.links).addRoutes(to: api)
    HealthMergesController(health: services.health).addRoutes(to: api)
    let desk = services.misinformation
    MisinformationTipsController(tips: desk.tips, claims: desk.claims, publicHost: environment.configuration.publicHost).addRoutes(to: api)
    MisinformationClaimsController(desk: desk, divisions: environment.divisions, clock: environment.clock).addRoutes(to: api)
    MisinformationTakedownsController(takedowns: desk.takedowns, spreaders: desk.spreaders, clock: environment.clock).addRoutes(to: api)

    let fhir = router.group("fhir/r4").add(middleware: BearerTokenAuthenticator(sessions: environment.sessions, clock: environment.clock))
    FHIRController(exchange: services.health.exchange, clock: environment.clock).addRoutes(to: fhir)

    let web = router.group()
        .add(middleware: SessionCookieAuthenticator(sessions: environment.sessions, clock: environment.clock))
    let figures = DashboardFigures(
        checkIns: services.checkIns, declarations: services.declarations, exposure: services.exposure, campaigns: services.campaigns,
        safety: services.safety.statistics, information: services.information.questions, misinformation: services.misinformation.figures,
        health: services.health.views
    )
    DashboardController(figures: figures, renderer: environment.renderer).addRoutes(to: web)
    WebAuthController(accounts: services.accounts, renderer: environment.renderer, cookies: cookies).addRoutes(to: web)
    InvitationPageController(accounts: services.accountManagement, renderer: environment.renderer, cookies: cookies).addRoutes(to: web)
    AccountPagesController(accounts: services.accountManagement, renderer: environment.renderer).addRoutes(to: web)
    AuditPageController(audit: services.audit, renderer: environment.renderer).addRoutes(to: web)
    LanguageController(cookies: cookies).addRoutes(to: web)
    UploadCodesPageController(codes: services.uploadCodes, renderer: environment.renderer).addRoutes(to: web)
    ExposureStatisticsPageController(exposure: services.exposure, renderer: environment.renderer).addRoutes(to: web)
    VenuePagesController(venues: services.venues, renderer: environment.renderer).addRoutes(to: web)
    VenuesPageController(venues: services.venues, renderer: environment.renderer).addRoutes(to: web)
    VenueDeskPageController(venues: services.venues, checkIns: services.checkIns, outbreaks: services.outbreaks, renderer: environment.renderer)
        .addRoutes(to: web)
    OutbreakPagesController(outbreaks: services.outbreaks, clock: environment.clock, renderer: environment.renderer).addRoutes(to: web)
    CheckInDashboardController(checkIns: services.checkIns, renderer: environment.renderer).addRoutes(to: web)
    EntryDeclarationPagesController(declarations: services.declarations, renderer: environment.renderer).addRoutes(to: web)
    DeclarationPagesController(declarations: services.declarations, renderer: environment.renderer).addRoutes(to: web)
    DeclarationWorklistPageController(declarations: services.declarations, renderer: environment.renderer).addRoutes(to: web)
    HouseholdPagesController(households: services.households, renderer: environment.renderer, cookies: cookies).addRoutes(to: web)
    AudiencePagesController(audiences: services.audiences, renderer: environment.renderer).addRoutes(to: web)
    SafetyMapPagesController(
        map: services.safety.map, facilities: services.safety.facilities, selfChecks: services.safety.selfChecks, feedback: services.safety.feedback,
        geography: environment.geography, renderer: environment.renderer, clock: environment.clock
    ).addRoutes(to: web)
    ReportingPagesController(reporting: services.reporting, renderer: environment.renderer, clock: environment.clock).addRoutes(to: web)
    ReportingRoundPagesController(reporting: services.reporting, files: reportingFiles, renderer: environment.renderer).addRoutes(to: web)
    SafetyManagePagesController(
        facilities: services.safety.facilities, selfChecks: services.safety.selfChecks, feedback: services.safety.feedback, renderer: environment.renderer,
        clock: environment.clock
    ).addRoutes(to: web)
    SafetyOfficerPagesController(
        facilities: services.safety.facilities, feedback: services.safety.feedback, map: services.safety.map, statistics: services.safety.statistics,
        renderer: environment.renderer
    ).addRoutes(to: web)
    InfoPagesController(information: services.information, divisions: environment.divisions, renderer: environment.renderer).addRoutes(to: web)
    InfoEntryPagesController(information: services.information, divisions: environment.divisions, renderer: environment.renderer).addRoutes(to: web)
    InfoDirectoryPagesController(information: services.information, divisions: environment.divisions, renderer: environment.renderer, clock: environment.clock)
        .addRoutes(to: web)
    AnnouncementPagesController(
        announcements: services.information.announcements, hotlines: services.information.hotlines, divisions: environment.divisions,
        renderer: environment.renderer, publicHost: environment.configuration.publicHost, clock: environment.clock
    ).addRoutes(to: web)
    CampaignPagesController(campaigns: services.campaigns, gateway: environment.smsGateway, clock: environment.clock, renderer: environment.renderer)
        .addRoutes(to: web)
    campaignsAPI.addPageDownloads(to: web)
    let deskSettings = environment.configuration.misinformation
    MisinformationPublicPagesController(
        desk: desk, settings: deskSettings, divisions: environment.divisions, renderer: environment.renderer, publicHost: environment.configuration.publicHost
    ).addRoutes(to: web)
    MisinformationDeskPagesController(desk: desk, settings: deskSettings, divisions: environment.divisions, renderer: environment.renderer, clock: environment.clock)
        .addRoutes(to: web)
    HealthPagesController(cases: healthCases, renderer: environment.renderer).addRoutes(to: web)
    HealthMergesPageController(health: services.health, renderer: environment.renderer).addRoutes(to: web)
    return router
}

/// Settings that cannot work, all listed at once.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "invalid configuration: " + problems.joined(separator: "; ") }
}
