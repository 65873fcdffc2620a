import CommunicationReporting
import CovizoneCore
import CovizoneStore

/// Communication reporting's services over one store: the tree, rounds, reports, summaries,
/// reminders and exports. Built once per server.
struct ReportingDomain: Sendable {
    let tree: OrgUnitService
    let rounds: ReportingRoundService
    let reports: ReportService
    let summaries: ReportingSummaryService
    let reminders: ReportingReminderService
    let exchange: ReportingExchangeService

    init(
        database: Database, forms: [ReportingForm], audit: AuditRecorder, textMessages: TextMessageOutbox, clock: WallClock, lockDays: Int,
        codeMapping: ReportingCodeMapping?, publicHost: String
    ) {
        let units = OrgUnitRepository(database: database)
        let reportRepository = ReportRepository(database: database)
        tree = OrgUnitService(units: units, audit: audit, clock: clock)
        rounds = ReportingRoundService(
            rounds: ReportingRoundRepository(database: database), tree: tree, forms: forms, audit: audit, clock: clock, lockDays: lockDays
        )
        reports = ReportService(
            reports: reportRepository, rounds: rounds, tree: tree,
            offers: ReportOffers(reports: reportRepository, campaigns: CampaignStatisticsRepository(database: database)), audit: audit, clock: clock
        )
        summaries = ReportingSummaryService(rounds: rounds, reports: reportRepository)
        reminders = ReportingReminderService(
            summaries: summaries, users: UserRepository(database: database), textMessages: textMessages, audit: audit, clock: clock,
            publicHost: publicHost
        )
        exchange = ReportingExchangeService(summaries: summaries, reports: reports, repository: reportRepository, mapping: codeMapping ?? ReportingCodeMapping())
    }
}
