import CovizoneStore
import Foundation

/// An outbreak as the pages show it: times in Vietnam and the severity in the page's language.
struct OutbreakSummary: Sendable {
    var id: Int64
    var venueId: Int64
    var venueName: String
    var from: String
    var to: String
    var bufferMinutes: Int
    var message: String
    var severity: String
    var exposedVisits: Int
    var declaredAt: String

    init(_ outbreak: OutbreakRecord, venueName: String?, text: PageText) {
        id = outbreak.id
        venueId = outbreak.venueID
        self.venueName = venueName ?? "#\(outbreak.venueID)"
        from = PageText.time(outbreak.from)
        to = PageText.time(outbreak.to)
        bufferMinutes = Int(outbreak.buffer / 60)
        message = outbreak.message
        severity = text("severity_\(outbreak.severity.rawValue)")
        exposedVisits = outbreak.exposedVisits
        declaredAt = PageText.time(outbreak.declaredAt)
    }
}
