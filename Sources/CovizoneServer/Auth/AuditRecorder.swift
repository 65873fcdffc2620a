import CovizoneCore
import CovizoneStore
import Foundation

/// Writes audit entries for reads and exports of personal data made through the server.
struct AuditRecorder: Sendable {
    let log: AuditLogRepository
    let clock: WallClock

    /// Records that `caller` did `action` on `subject`.
    func record(_ action: String, subject: String, provinceCode: String? = nil, detail: String? = nil, by caller: Caller) async throws {
        try await log.append(entry(action, subject: subject, provinceCode: provinceCode, detail: detail, by: caller))
    }

    /// The entry ``record(_:subject:provinceCode:detail:by:)`` writes, for a store change that
    /// writes it in its own transaction.
    func entry(_ action: String, subject: String, provinceCode: String? = nil, detail: String? = nil, by caller: Caller) -> AuditEntry {
        AuditEntry(
            occurredAt: clock.now,
            actorUserID: caller.principal?.user.id,
            actor: caller.principal?.user.username ?? "anonymous",
            action: action,
            subject: subject,
            provinceCode: provinceCode,
            requestID: caller.requestID,
            remoteAddress: caller.address,
            detail: detail
        )
    }
}
