import CovizoneCore
import CovizoneStore
import Foundation

/// Writes audit entries for reads and exports of personal data made through the server.
struct AuditRecorder: Sendable {
    let log: AuditLogRepository
    let clock: WallClock

    /// Records that the principal of `context` did `action` on `subject`.
    func record(
        _ action: String, subject: String, provinceCode: String? = nil, detail: String? = nil, context: AppRequestContext
    ) async throws {
        try await log.append(entry(action, subject: subject, provinceCode: provinceCode, detail: detail, context: context))
    }

    /// The entry ``record(_:subject:provinceCode:detail:context:)`` writes, for a store change
    /// that writes it in its own transaction.
    func entry(_ action: String, subject: String, provinceCode: String? = nil, detail: String? = nil, context: AppRequestContext) -> AuditEntry {
        AuditEntry(
            occurredAt: clock.now,
            actorUserID: context.identity?.user.id,
            actor: context.identity?.user.username ?? "anonymous",
            action: action,
            subject: subject,
            provinceCode: provinceCode,
            requestID: context.requestID,
            remoteAddress: context.remoteAddress,
            detail: detail
        )
    }
}
