import CovizoneCore
import CovizoneStore

/// The misinformation desk's services over one store: intake of tips and posts, claims and
/// their decisions, the classifier, takedown requests, spreader accounts, figures, and tips by
/// SMS. Built once per server.
struct MisinformationDomain: Sendable {
    let tips: TipService
    let posts: PostImport
    let claims: ClaimService
    let classifier: ClassifierService
    let takedowns: TakedownService
    let spreaders: SpreaderService
    let figures: DeskFigures
    let matching: ClaimMatching
    let smsTips: DeskSMSTips

    init(
        database: Database, settings: MisinformationSettings, audit: AuditRecorder, textMessages: TextMessageOutbox, divisions: AdministrativeDivisions,
        clock: WallClock, publicHost: String
    ) {
        let items = MisinformationItemRepository(database: database)
        let claimRepository = ClaimRepository(database: database)
        matching = ClaimMatching(items: items, state: ClaimMatchState())
        classifier = ClassifierService(models: ClassifierModelRepository(database: database), state: ClassifierState(), audit: audit, clock: clock)
        let intake = MisinformationIntake(items: items, claims: claimRepository, matching: matching, classifier: classifier, clock: clock)
        tips = TipService(
            intake: intake, items: items, budget: AttemptThrottle(attempts: AttemptRepository(database: database), window: 3600), settings: settings,
            divisions: divisions, clock: clock
        )
        posts = PostImport(intake: intake, items: items, settings: settings, audit: audit, clock: clock)
        let verdicts = VerdictMessages(items: items, claims: claimRepository, textMessages: textMessages, publicHost: publicHost, clock: clock)
        claims = ClaimService(
            claims: claimRepository, items: items, users: UserRepository(database: database), matching: matching, classifier: classifier, verdicts: verdicts,
            divisions: divisions, audit: audit, clock: clock
        )
        takedowns = TakedownService(takedowns: TakedownRepository(database: database), claims: claims, items: items, settings: settings, audit: audit, clock: clock)
        spreaders = SpreaderService(
            accounts: SpreaderAccountRepository(database: database), claims: claims, items: items, settings: settings, audit: audit, clock: clock
        )
        figures = DeskFigures(figures: DeskFiguresRepository(database: database), clock: clock)
        smsTips = DeskSMSTips(tips: tips, publicHost: publicHost)
    }
}
