import CommunicationReporting
import CovizoneCore
import CovizoneStore

/// Data sharing with the health system, over one store: the FHIR exchange, the facilities'
/// machine credentials, spreadsheet and form entry, the ministry's and provinces' views and
/// figures with their DHIS2 export, what a confirmed case leads to elsewhere, and the review of
/// the merges it made. Built once per server.
struct HealthDataDomain: Sendable {
    let exchange: HealthExchangeService
    let machineClients: MachineClientService
    let entry: HealthCaseImport
    let views: HealthCaseViews
    let export: HealthFiguresExport
    let links: HealthCaseLinks
    let merges: HealthMergeService

    init(
        database: Database, accounts: (users: UserRepository, sessions: SessionRepository, attempts: AttemptRepository), divisions: AdministrativeDivisions,
        uploadCodes: UploadCodeService, outbreaks: OutbreakService, codeMapping: ReportingCodeMapping?, audit: AuditRecorder, clock: WallClock
    ) {
        exchange = HealthExchangeService(database: database, divisions: divisions, audit: audit, clock: clock)
        machineClients = MachineClientService(
            clients: MachineClientRepository(database: database), users: accounts.users, sessions: accounts.sessions, attempts: accounts.attempts,
            audit: audit, clock: clock
        )
        entry = HealthCaseImport(exchange: exchange)
        views = HealthCaseViews(store: exchange.store, users: accounts.users, audit: audit, clock: clock)
        export = HealthFiguresExport(mapping: codeMapping ?? ReportingCodeMapping())
        links = HealthCaseLinks(
            views: views, uploadCodes: uploadCodes, outbreaks: outbreaks, visits: VisitRepository(database: database),
            venues: VenueRepository(database: database), declarations: DeclarationRepository(database: database), audit: audit, clock: clock
        )
        merges = HealthMergeService(merges: HealthMergeRepository(database: database), patients: exchange.store, audit: audit, clock: clock)
    }
}
