import CovizoneCore
import CovizoneStore

/// Official information's services over one store: entries and their search, citizens'
/// questions, the facility and hotline directories, announcements, and answers by SMS. Built
/// once per server.
struct InformationDomain: Sendable {
    let entries: InfoEntryService
    let search: InfoSearchService
    let questions: InfoQuestionService
    let facilities: HealthFacilityService
    let hotlines: HotlineService
    let announcements: AnnouncementService
    let smsAnswers: InfoSMSAnswers

    init(database: Database, audit: AuditRecorder, divisions: AdministrativeDivisions, clock: WallClock) {
        let entryRepository = InfoEntryRepository(database: database)
        let synonyms = SynonymRepository(database: database)
        entries = InfoEntryService(entries: entryRepository, divisions: divisions, audit: audit, clock: clock)
        search = InfoSearchService(entries: entryRepository, synonyms: synonyms, state: InfoSearchState(), clock: clock)
        questions = InfoQuestionService(
            questions: InfoQuestionRepository(database: database), synonyms: synonyms, entries: entries, divisions: divisions, audit: audit, clock: clock
        )
        facilities = HealthFacilityService(
            facilities: HealthFacilityRepository(database: database), users: UserRepository(database: database), divisions: divisions, audit: audit, clock: clock
        )
        hotlines = HotlineService(hotlines: HotlineRepository(database: database), divisions: divisions, audit: audit, clock: clock)
        announcements = AnnouncementService(announcements: AnnouncementRepository(database: database), divisions: divisions, audit: audit, clock: clock)
        smsAnswers = InfoSMSAnswers(search: search, questions: questions)
    }
}
