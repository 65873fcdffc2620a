import CampaignDispatch
import CommunicationReporting
import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import HealthDeclaration
import NIOCore
import Prometheus

/// What the controllers share: settings, repositories, reference data and the clock.
/// Built once by ``buildApplication(configuration:clock:announce:)``.
struct AppEnvironment: Sendable {
    let configuration: ServerConfiguration
    let database: Database
    let users: UserRepository
    let sessions: SessionRepository
    let audit: AuditLogRepository
    let attempts: AttemptRepository
    let divisions: AdministrativeDivisions
    /// The outline and archipelagos the safety map draws.
    let geography: VietnamMap
    let clock: WallClock
    let hasher: PasswordHasher
    let renderer: PageRenderer
    let openAPIDocument: ByteBuffer
    let metrics: PrometheusCollectorRegistry
    /// The health declaration questionnaires and their triage rules.
    let questionnaires: QuestionnaireCatalog
    /// The safety map's daily checklists.
    let checklists: ChecklistCatalog
    /// The communication reporting form.
    let reportingForm: ReportingForm
    /// Single texts (one-time codes, reminders) for the messaging layer.
    let textMessages: TextMessageOutbox
    /// The SMPP clients of the configured SMSC connections (nil when none is configured).
    let smsGateway: SMSGateway?

    var accounts: AccountAdministration {
        AccountAdministration(users: users, orgUnits: OrgUnitRepository(database: database), hasher: hasher, divisions: divisions, clock: clock)
    }

    /// The same environment on another clock (the demo world is built on one in the past).
    func onClock(_ clock: WallClock) -> AppEnvironment {
        AppEnvironment(
            configuration: configuration, database: database, users: users, sessions: sessions, audit: audit, attempts: attempts, divisions: divisions,
            geography: geography, clock: clock, hasher: hasher, renderer: renderer, openAPIDocument: openAPIDocument, metrics: metrics, questionnaires: questionnaires,
            checklists: checklists, reportingForm: reportingForm, textMessages: textMessages, smsGateway: smsGateway
        )
    }

    var auditRecorder: AuditRecorder { AuditRecorder(log: audit, clock: clock) }

    var exposureKeyring: ExposureKeyring {
        ExposureKeyring(database: database, exportKeyID: configuration.exposure.exportKeyID, clock: clock)
    }
}

/// Where the server's bundled files (templates, static assets, localisation, OpenAPI) live.
enum ServerResources {
    /// The copied `Resources` folder. Foundation reports a bundle's resource folder differently on
    /// Linux and Apple platforms, so look where each puts it.
    static let directory: URL = {
        let bundle = Bundle.module
        let candidates = [bundle.resourceURL?.appendingPathComponent("Resources"), bundle.resourceURL, bundle.bundleURL.appendingPathComponent("Resources")]
        return candidates.compactMap { $0 }.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("openapi.yaml").path)
        } ?? bundle.bundleURL.appendingPathComponent("Resources")
    }()
}
