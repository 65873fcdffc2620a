import CovizoneCore
import CovizoneStore
import Foundation
import VenueCheckIn

/// The model of `GET/POST /outbreaks`: the province's outbreaks and, for health authorities, the
/// declaration form (times in Vietnam) with its errors.
struct OutbreakListPage: Sendable {
    /// What the declaration form holds, as typed.
    struct Form: Sendable {
        var venueId: String
        var from: String
        var to: String
        var message: String
        var severity: String

        /// A blank form for a window of the last four hours at `venueID`.
        static func blank(venueID: String, now: Date) -> Form {
            Form(venueId: venueID, from: VietnamLocalTime.string(of: now - 4 * 3600), to: VietnamLocalTime.string(of: now), message: "", severity: "high")
        }
    }

    var outbreaks: [OutbreakSummary]
    var canDeclare: Bool
    var form: Form
    var errors: [String]
    var severities: [PageOption]
    /// Whether there is anything to show.
    var hasOutbreaks: Bool

    init(outbreaks: [OutbreakRecord], venueNames: [Int64: String], canDeclare: Bool, form: Form, errors: [String], text: PageText) {
        self.outbreaks = outbreaks.map { OutbreakSummary($0, venueName: venueNames[$0.venueID], text: text) }
        self.canDeclare = canDeclare
        self.form = form
        self.errors = errors
        severities = OutbreakSeverity.allCases.map { PageOption(code: $0.rawValue, label: text("severity_\($0.rawValue)"), selected: form.severity == $0.rawValue) }
        hasOutbreaks = !outbreaks.isEmpty
    }
}
