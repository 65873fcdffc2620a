import CovizoneCore
import CovizoneStore

/// The model of `GET/POST /venues/{id}/entrance`, where staff at the door check in people without
/// a smartphone: the form, its errors, and the check-in just made.
struct EntrancePage: Sendable {
    struct VenueName: Sendable {
        var id: Int64
        var name: String
    }

    /// What the form holds, as typed.
    struct Form: Sendable {
        var personalQr = ""
        var idNumber = ""
        var name = ""
        var phone = ""
    }

    /// The check-in just recorded: when, and who (their name, or their phone masked).
    struct Done: Sendable {
        var time: String
        var who: String
    }

    var venue: VenueName
    var form: Form
    var errors: [String]
    var done: Done?

    init(_ venue: VenueRecord, form: Form = Form(), errors: [String] = [], done: CheckIn? = nil) {
        self.venue = VenueName(id: venue.id, name: venue.details.name)
        self.form = form
        self.errors = errors
        self.done = done.map { Done(time: PageText.time($0.visit.checkedInAt), who: $0.visit.personName ?? $0.visit.phone.map(Masked.phone) ?? "") }
    }
}
