import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import ServiceLifecycle

/// Enforces retention limits in code: expired sessions, old failed-login records and audit entries
/// past their retention period are deleted on start and then every hour. Deletes are idempotent,
/// so several instances may run it at once.
struct RetentionService: Service {
    let environment: AppEnvironment
    let logger: Logger
    var interval: Duration = .seconds(3600)
    /// Upload codes are kept 14 days after their long code expired, for the statistics.
    static let uploadCodeRetention: TimeInterval = 14 * 86400
    /// Single texts (one-time codes, reminders) are kept a week, for the messaging layer and support.
    static let textMessageRetention: TimeInterval = 7 * 86400

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await purgeOnce()
            } catch {
                logger.error("retention purge failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One pass over every table with a retention limit.
    func purgeOnce() async throws {
        let now = environment.clock.now
        let configuration = environment.configuration
        let sessions = try await environment.sessions.deleteExpired(at: now)
        let failures = try await environment.loginFailures.deleteOlder(
            than: now - TimeInterval(configuration.loginThrottleWindow.components.seconds)
        )
        let audit = try await environment.audit.deleteOlder(than: now - TimeInterval(configuration.auditRetentionDays) * 86400)
        let codes = try await UploadCodeRepository(database: environment.database).deleteExpired(before: now - Self.uploadCodeRetention)
        let exposureCutoff = now - configuration.exposure.retention.timeInterval
        let keys = try await ExposureKeyRepository(database: environment.database).deleteExpired(before: exposureCutoff)
        let files = try await ExportRepository(database: environment.database).deleteBatches(endedBefore: exposureCutoff)
        try await SigningKeyRepository(database: environment.database).deleteRetired(before: exposureCutoff)
        let visitCutoff = now - TimeInterval(configuration.visitRetentionDays) * 86_400
        let visits = try await VisitRepository(database: environment.database).deleteOlder(than: visitCutoff)
        let warnings = try await OutbreakRepository(database: environment.database).deleteWarnings(olderThan: visitCutoff)
        let declarations = DeclarationRepository(database: environment.database)
        let entryDeclarations = try await declarations.deleteOlder(
            kind: "entry", than: now - TimeInterval(configuration.entryDeclarationRetentionDays) * 86_400
        )
        let voluntaryDeclarations = try await declarations.deleteOlder(
            kind: "voluntary", than: now - TimeInterval(configuration.voluntaryDeclarationRetentionDays) * 86_400
        )
        let phoneCodes = try await PhoneVerificationRepository(database: environment.database).deleteExpired(before: now - 86_400)
        let householdTokens = try await HouseholdRepository(database: environment.database).deleteExpiredTokens(before: now)
        let texts = try await TextMessageRepository(database: environment.database).deleteOlder(than: now - Self.textMessageRetention)
        let messages = try await CampaignStatisticsRepository(database: environment.database).purgeMessages(
            createdBefore: now - TimeInterval(configuration.messageRetentionDays) * 86_400
        )
        let audiences = AudienceRepository(database: environment.database)
        let lists = try await audiences.deleteUnused(before: now - TimeInterval(configuration.audienceRetentionDays) * 86_400, at: now)
        // Their members, and those a purge that stopped (or failed) left behind.
        let listMembers = try await audiences.purgeDeletedLists()
        let purged = [
            sessions, failures, audit, codes, keys, files, visits, warnings, entryDeclarations, voluntaryDeclarations, phoneCodes, householdTokens, texts, messages,
            lists, listMembers,
        ]
        if purged.reduce(0, +) > 0 {
            logger.info(
                "retention purge",
                metadata: [
                    "purge.sessions": "\(sessions)", "purge.login_failures": "\(failures)", "purge.audit_entries": "\(audit)",
                    "purge.upload_codes": "\(codes)", "purge.exposure_keys": "\(keys)", "purge.export_files": "\(files)",
                    "purge.visits": "\(visits)", "purge.warnings": "\(warnings)", "purge.entry_declarations": "\(entryDeclarations)",
                    "purge.voluntary_declarations": "\(voluntaryDeclarations)", "purge.phone_codes": "\(phoneCodes)",
                    "purge.household_tokens": "\(householdTokens)", "purge.text_messages": "\(texts)",
                    "purge.outbound_messages": "\(messages)", "purge.audiences": "\(lists)", "purge.audience_members": "\(listMembers)",
                ]
            )
        }
    }
}
