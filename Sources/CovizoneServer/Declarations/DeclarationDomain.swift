import CovizoneCore
import CovizoneStore
import HealthDeclaration

/// The declaration domain's services over one store: declarations of both kinds, and the
/// households that make voluntary ones. Built once per server.
struct DeclarationDomain: Sendable {
    let declarations: DeclarationService
    let households: HouseholdService

    init(
        database: Database, questionnaires: QuestionnaireCatalog, audit: AuditRecorder, textMessages: TextMessageOutbox, divisions: AdministrativeDivisions,
        clock: WallClock, publicHost: String, codeLimits: AttemptThrottle.Limits
    ) {
        let householdRepository = HouseholdRepository(database: database)
        declarations = DeclarationService(
            declarations: DeclarationRepository(database: database), households: householdRepository, questionnaires: questionnaires, audit: audit,
            divisions: divisions, clock: clock, publicHost: publicHost
        )
        households = HouseholdService(
            households: householdRepository, verifications: PhoneVerificationRepository(database: database), declarations: declarations,
            textMessages: textMessages,
            codeBudget: AttemptThrottle(attempts: AttemptRepository(database: database), window: HouseholdService.codeBudgetWindow),
            divisions: divisions, clock: clock, codeLimits: codeLimits
        )
    }
}
