import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import ServiceLifecycle

/// Texts each household that asked for a daily reminder, at its hour (Vietnam time), when a
/// member has no health update yet that day. Every instance runs it; each household is claimed
/// once a day in the database, so several instances send one reminder.
struct DeclarationReminderService: Service {
    let households: HouseholdRepository
    let textMessages: TextMessageOutbox
    let clock: WallClock
    /// The host of the link in the reminder.
    let publicHost: String
    let logger: Logger
    var interval: Duration = .seconds(300)

    func run() async throws {
        await repeatedly(every: interval, "declaration reminders", logger: logger) { try await remindOnce() }
    }

    /// Queues the reminders due now; returns how many.
    @discardableResult
    func remindOnce() async throws -> Int {
        let now = clock.now
        let day = VietnamDay.number(of: now)
        let dayStart = VietnamDay.start(ofNumber: day)
        let hour = Int(now.timeIntervalSince(dayStart) / 3600)
        let phones = try await households.claimReminders(hour: hour, day: day, dayStart: dayStart)
        let link = "https://\(publicHost)/households"
        for phone in phones {
            try await textMessages.enqueue(
                "Covizone: hay cap nhat suc khoe hom nay cho gia dinh ban tai \(link)", to: phone, purpose: "reminder", at: now
            )
        }
        if !phones.isEmpty { logger.info("declaration reminders queued", metadata: ["reminders.count": "\(phones.count)"]) }
        return phones.count
    }
}
