import CovizoneCore
import CovizoneStore

/// The model of `GET /outbreaks/warnings`: the SMS warnings queued for exposed visitors, phones masked.
struct WarningsPage: Sendable {
    struct Warning: Sendable {
        var phone: String
        var message: String
        var status: String
        var createdAt: String
        var outbreak: Int64
    }

    var warnings: [Warning]
    /// Whether there is anything to show.
    var hasWarnings: Bool

    init(_ queued: [QueuedWarning]) {
        warnings = queued.map {
            Warning(phone: Masked.phone($0.phone), message: $0.message, status: $0.status, createdAt: PageText.time($0.createdAt), outbreak: $0.outbreakID)
        }
        hasWarnings = !warnings.isEmpty
    }
}
