import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The merges page: each merge the exchange made, the person before beside what the facility
/// sent, with the officer's two choices while it waits.
struct HealthMergesPage: Sendable {
    struct Side: Sendable {
        var name: String
        var birthDate: String
        var phone: String
        var identifiers: String

        init(_ side: HealthMergeSide) {
            (name, birthDate, phone) = (side.details.name, side.details.birthDate ?? "", side.details.phone ?? "")
            identifiers = side.identifiers.map(\.maskedValue).joined(separator: ", ")
        }
    }

    struct Item: Sendable {
        var id: Int64
        var caseHref: String
        var splitHref: String?
        var facility: String
        var matchedBy: String
        var status: String
        var createdAt: String
        var previous: Side
        var incoming: Side
        var isPending: Bool
        var canUndo: Bool
    }

    var items: [Item]
    var hasItems: Bool
    var statusOptions: [PageOption]
    /// Only reviewers see this page (the navigation links it).
    var reviewsMerges = true

    static func item(_ merge: HealthMergeRecord, facility: String?, text: PageText) -> Item {
        Item(
            id: merge.id, caseHref: "/health/cases/\(merge.patientID)", splitHref: merge.splitPatientID.map { "/health/cases/\($0)" },
            facility: facility ?? "#\(merge.accountID)", matchedBy: text("health_matched_" + merge.matchedBy), status: text("health_merge_" + merge.status.rawValue),
            createdAt: PageText.wallClock(merge.createdAt), previous: Side(merge.previous), incoming: Side(merge.incoming),
            isPending: merge.status == .pending, canUndo: merge.status != .undone
        )
    }
}
