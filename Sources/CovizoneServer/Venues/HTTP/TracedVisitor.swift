import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import VenueCheckIn

/// One visit an outbreak exposed, in full, as the tracer reads it (JSON, or CSV for a call list).
struct TracedVisitor: Encodable, Sendable {
    var visitId: Int64
    var checkedInAt: Date
    var checkedOutAt: Date?
    var expectedCheckOutAt: Date
    var phone: String?
    var name: String?
    var idNumber: String?
    var deviceId: String?
    var entryMethod: EntryMethod

    init(_ visit: VisitRecord) {
        visitId = visit.id
        checkedInAt = visit.checkedInAt
        checkedOutAt = visit.checkedOutAt
        expectedCheckOutAt = visit.expectedCheckOutAt
        phone = visit.phone
        name = visit.personName
        idNumber = visit.idNumber
        deviceId = visit.deviceID
        entryMethod = visit.entryMethod
    }

    static let csvHeader = ["visitId", "checkedInAt", "checkedOutAt", "expectedCheckOutAt", "phone", "name", "idNumber", "deviceId", "entryMethod"]

    /// The row of this visit under ``csvHeader``, times in ISO 8601.
    var csvFields: [String] {
        [
            String(visitId), checkedInAt.formatted(.iso8601), checkedOutAt?.formatted(.iso8601) ?? "", expectedCheckOutAt.formatted(.iso8601),
            phone ?? "", name ?? "", idNumber ?? "", deviceId ?? "", entryMethod.rawValue,
        ]
    }

    /// The tracer's call list of an outbreak as a CSV download.
    static func csvResponse(_ visitors: [TracedVisitor], outbreakID: Int64) -> Response {
        var text = CSVWriter.row(csvHeader)
        for visitor in visitors { text += CSVWriter.row(visitor.csvFields) }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"outbreak-\(outbreakID)-visitors.csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
