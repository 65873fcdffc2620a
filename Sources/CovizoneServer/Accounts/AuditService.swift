import CovizoneCore
import CovizoneStore

/// The audit log as ministry administrators read it; reading the log is itself logged.
struct AuditService: Sendable {
    let log: AuditLogRepository
    let audit: AuditRecorder

    /// Entries newest first, before `beforeID`; `shown` says how many the reader sees (the log
    /// records that number, not the extra row a page reads to know more follow).
    func entries(beforeID: Int64?, limit: Int, shown: Int, detail: String = "", caller: Caller) async throws -> [AuditEntry] {
        let entries = try await log.list(beforeID: beforeID, limit: limit)
        try await audit.record("audit.read", subject: "audit_log", detail: "\(min(entries.count, shown)) entries\(detail)", by: caller)
        return entries
    }
}
