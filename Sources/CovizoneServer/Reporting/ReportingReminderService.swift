import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// One click on the round's board: a text to every account of each unit that has not completed
/// its report, through the outbound queue; audited.
struct ReportingReminderService: Sendable {
    let summaries: ReportingSummaryService
    let users: UserRepository
    let textMessages: TextMessageOutbox
    let audit: AuditRecorder
    let clock: WallClock
    /// The host of the link in the text.
    let publicHost: String

    /// The roles that send reminders.
    static let senders: Set<Role> = [.ministryAdmin, .provinceOfficer]

    /// How many units were behind, and how many texts went to their accounts.
    struct Sent: Sendable, Equatable, Encodable {
        var units: Int
        var texts: Int
    }

    /// Reminds the units within the subtree of `orgUnitID` that have not completed.
    func remind(roundID: Int64, orgUnitID: Int64?, by principal: Principal, caller: Caller) async throws -> Sent {
        guard Self.senders.contains(principal.user.role) else { throw ReportingError.officersOnly(action: "send reminders") }
        var behind: [OrgUnitRecord] = []
        var after: Int64?
        var round: ReportingRoundRecord?
        var scope: OrgUnitRecord?
        repeat {
            let page = try await summaries.board(roundID: roundID, orgUnitID: orgUnitID, for: principal, afterID: after, limit: 1_000)
            (round, scope) = (page.round, page.unit)
            behind += page.rows.filter { !$0.status.isCompleted }.map(\.unit)
            after = page.rows.count == 1_000 ? page.rows.last?.unit.id : nil
        } while after != nil
        guard let round, let scope else { throw ReportingError.roundNotFound(roundID: roundID) }
        let names = Dictionary(behind.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let due = VietnamLocalTime.readable(round.dueAt)
        var texts = 0
        let now = clock.now
        for account in try await users.accounts(ofOrgUnits: behind.map(\.id)) {
            guard let phone = account.details.phone, let unitID = account.details.orgUnitID.flatMap(Int64.init), let name = names[unitID] else { continue }
            try await textMessages.enqueue(
                "Covizone: \(name) chua hoan thanh bao cao \"\(round.name)\" (han \(due)). Bao cao tai https://\(publicHost)/reporting/rounds/\(round.id)/reports/\(unitID)",
                to: phone, purpose: "reporting-reminder", at: now
            )
            texts += 1
        }
        try await audit.record(
            "reporting.reminders.send", subject: "reporting_round:\(round.id)", provinceCode: scope.provinceCode,
            detail: "\(behind.count) units behind, \(texts) texts", by: caller
        )
        return Sent(units: behind.count, texts: texts)
    }
}
