import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Logging
import ServiceLifecycle

/// Enforces retention limits in code: expired sessions, old failed-login records and audit entries
/// past their retention period are deleted on start and then every hour. Deletes are idempotent,
/// so several instances may run it at once.
struct RetentionService: Service {
    let database: Database
    /// The retention periods (and the windows attempts count for).
    let configuration: ServerConfiguration
    let clock: WallClock
    let logger: Logger
    var interval: Duration = .seconds(3600)
    /// Upload codes are kept 14 days after their long code expired, for the statistics.
    static let uploadCodeRetention: TimeInterval = 14 * 86400
    /// Single texts (one-time codes, reminders) are kept a week, for the messaging layer and support.
    static let textMessageRetention: TimeInterval = 7 * 86400
    /// Days a citizen's phone number stays on a report about a facility.
    static let feedbackPhoneDays = 30
    /// Days rejected and archived reports (and their photos) are kept after review.
    static let closedFeedbackDays = 90
    /// Days a citizen's question for official information is kept (free text may name people).
    static let infoQuestionDays = 90

    func run() async throws {
        await repeatedly(every: interval, "retention purge", logger: logger) { try await purgeOnce() }
    }

    /// One pass over every table with a retention limit. Each step runs whatever the others do:
    /// one that fails (a table locked, a store error) is logged and the rest still purge; the
    /// pass then throws ``RetentionFailure`` naming the steps that failed.
    func purgeOnce() async throws {
        var purged: Logger.Metadata = [:]
        var failed: [String] = []
        for (name, step) in steps(at: clock.now) {
            do {
                let count = try await step()
                if count > 0 { purged["purge.\(name)"] = "\(count)" }
            } catch {
                logger.error("retention step failed", metadata: ["purge.step": "\(name)", "error": "\(error)"])
                failed.append(name)
            }
        }
        if !purged.isEmpty { logger.info("retention purge", metadata: purged) }
        if !failed.isEmpty { throw RetentionFailure(steps: failed) }
    }

    /// The purge steps in order, each named by what it deletes and answering how many rows went.
    private func steps(at now: Date) -> [(String, @Sendable () async throws -> Int)] {
        let configuration = configuration
        let database = database
        let days: @Sendable (Int) -> Date = { now - TimeInterval($0) * 86_400 }
        let exposureCutoff = now - configuration.exposure.retention.timeInterval
        let visitCutoff = days(configuration.visitRetentionDays)
        let declarations = DeclarationRepository(database: database)
        let audiences = AudienceRepository(database: database)
        return [
            ("sessions", { try await SessionRepository(database: database).deleteExpired(at: now) }),
            // Attempts count for the login window (sign-ins, upload codes) or the codes' own (one-time codes).
            ("attempts", {
                try await AttemptRepository(database: database).deleteOlder(than: now - max(configuration.loginThrottleWindow.timeInterval, HouseholdService.codeBudgetWindow))
            }),
            ("audit_entries", { try await AuditLogRepository(database: database).deleteOlder(than: days(configuration.auditRetentionDays)) }),
            ("upload_codes", { try await UploadCodeRepository(database: database).deleteExpired(before: now - Self.uploadCodeRetention) }),
            ("exposure_keys", { try await ExposureKeyRepository(database: database).deleteExpired(before: exposureCutoff) }),
            ("export_files", { try await ExportRepository(database: database).deleteBatches(endedBefore: exposureCutoff) }),
            ("signing_keys", { try await SigningKeyRepository(database: database).deleteRetired(before: exposureCutoff) }),
            ("visits", { try await VisitRepository(database: database).deleteOlder(than: visitCutoff) }),
            ("warnings", { try await OutbreakRepository(database: database).deleteWarnings(olderThan: visitCutoff) }),
            ("entry_declarations", { try await declarations.deleteOlder(kind: .entry, than: days(configuration.entryDeclarationRetentionDays)) }),
            ("voluntary_declarations", { try await declarations.deleteOlder(kind: .voluntary, than: days(configuration.voluntaryDeclarationRetentionDays)) }),
            ("phone_codes", { try await PhoneVerificationRepository(database: database).deleteExpired(before: now - 86_400) }),
            ("household_tokens", { try await HouseholdRepository(database: database).deleteExpiredTokens(before: now) }),
            ("text_messages", { try await TextMessageRepository(database: database).deleteOlder(than: now - Self.textMessageRetention) }),
            ("outbound_messages", { try await CampaignStatisticsRepository(database: database).purgeMessages(createdBefore: days(configuration.messageRetentionDays)) }),
            ("audiences", { try await audiences.deleteUnused(before: days(configuration.audienceRetentionDays), at: now) }),
            // Their members, and those a purge that stopped (or failed) left behind.
            ("audience_members", { try await audiences.purgeDeletedLists() }),
            // Rows of imports whose process stopped before it published or discarded them.
            ("staged_audience_members", { try await audiences.purgeAbandonedStaging(before: now - 86_400) }),
            // A reporter's phone is for the officer's call back, not for keeping.
            ("safety_feedback_phones", { try await FeedbackRepository(database: database).erasePhones(receivedBefore: days(Self.feedbackPhoneDays)) }),
            ("safety_feedback_closed", { try await FeedbackRepository(database: database).deleteClosed(reviewedBefore: days(Self.closedFeedbackDays)) }),
            ("safety_events", { try await SafetyEventRepository(database: database).deleteOlder(than: now - 86_400) }),
            ("info_questions", { try await InfoQuestionRepository(database: database).deleteAsked(before: days(Self.infoQuestionDays)) }),
            // A tipper's phone waits for the verdict, not longer than its retention.
            ("misinformation_tip_phones", {
                try await MisinformationItemRepository(database: database).forgetPhones(receivedBefore: days(configuration.misinformation.tipPhoneDays))
            }),
            ("health_cases", { try await HealthExchangeRepository(database: database).deleteClosed(before: days(configuration.healthCaseRetentionDays)) }),
            ("misinformation_accounts", {
                try await SpreaderAccountRepository(database: database).deleteInactive(before: days(configuration.misinformation.spreaderRetentionDays))
            }),
        ]
    }
}

/// Steps of a retention pass that failed (each was logged); the others ran.
struct RetentionFailure: Error, CustomStringConvertible {
    var steps: [String]
    var description: String { "retention steps failed: " + steps.joined(separator: ", ") }
}
