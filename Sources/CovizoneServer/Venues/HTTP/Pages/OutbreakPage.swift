import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /outbreaks/{id}`: the tracer's list of the visits an outbreak exposed.
struct OutbreakPage: Sendable {
    struct Visit: Sendable {
        var id: Int64
        var checkedInAt: String
        var endedAt: String
        var checkedOut: Bool
        var phone: String
        var name: String
        var idNumber: String
        var method: String

        init(_ visit: VisitRecord, text: PageText) {
            id = visit.id
            checkedInAt = PageText.time(visit.checkedInAt)
            endedAt = PageText.time(visit.endedAt)
            checkedOut = visit.checkedOutAt != nil
            phone = visit.phone ?? ""
            name = visit.personName ?? ""
            idNumber = visit.idNumber ?? ""
            method = text("entry_\(visit.entryMethod.rawValue)")
        }
    }

    var outbreak: OutbreakSummary
    var visits: [Visit]
    /// Whether there is anything to show.
    var hasVisits: Bool

    init(_ outbreak: OutbreakRecord, venueName: String?, visits: [VisitRecord], text: PageText) {
        self.outbreak = OutbreakSummary(outbreak, venueName: venueName, text: text)
        self.visits = visits.map { Visit($0, text: text) }
        hasVisits = !visits.isEmpty
    }
}
