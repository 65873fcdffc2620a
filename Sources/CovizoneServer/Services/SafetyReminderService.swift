import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import ServiceLifecycle

/// Texts each facility that has no self-check by the configured hour (Vietnam time), once a day.
/// Every instance runs it; each facility is claimed in the database, so it gets one text.
struct SafetyReminderService: Service {
    let facilities: FacilityRepository
    let textMessages: TextMessageOutbox
    let clock: WallClock
    /// The hour after which reminders go.
    let hour: Int
    /// The host of the link in the reminder.
    let publicHost: String
    let logger: Logger
    var interval: Duration = .seconds(300)

    func run() async throws {
        await repeatedly(every: interval, "safety reminders", logger: logger) { try await remindOnce() }
    }

    /// Queues the reminders due now; returns how many.
    @discardableResult
    func remindOnce() async throws -> Int {
        let now = clock.now
        let day = VietnamDay.number(of: now)
        guard now.timeIntervalSince(VietnamDay.start(ofNumber: day)) >= Double(hour * 3600) else { return 0 }
        var sent = 0
        while true {
            let due = try await facilities.claimReminders(today: day, limit: 500)
            for reminder in due {
                try await textMessages.enqueue(
                    "Covizone: \(reminder.name) chua tu danh gia an toan COVID-19 hom nay. Cap nhat tai https://\(publicHost)/safety/manage/\(reminder.facilityID)",
                    to: reminder.contactPhone, purpose: "safety-reminder", at: now
                )
            }
            sent += due.count
            if due.count < 500 { break }
        }
        if sent > 0 { logger.info("safety reminders queued", metadata: ["reminders.count": "\(sent)"]) }
        return sent
    }
}

