import CommunicationReporting
import CovizoneCore
import Foundation
import Hummingbird
import NIOCore

extension ReportingExchangeService.DataValueFormat {
    /// The `format` query parameter of a data-values download (JSON unless given); a 422 for another.
    init(query request: Request) throws {
        let text = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard let format = Self(rawValue: text) else { throw APIError.invalid([FieldError(field: "format", message: "must be json, csv or adx")]) }
        self = format
    }

    /// `values` as the download DHIS2 reads in this format: a data value set (JSON, CSV) or ADX,
    /// named `name` and the format's extension.
    func download(_ values: [DataValue], dataSet: String, name: String, exported: Date) throws -> Response {
        switch self {
        case .json:
            return .attachment(ByteBuffer(bytes: try DataValueSet.json(values, dataSet: dataSet)), contentType: "application/json", filename: name + ".json")
        case .csv:
            return .attachment(ByteBuffer(string: DataValueSet.csv(values)), contentType: "text/csv; charset=utf-8", filename: name + ".csv")
        case .adx:
            let xml = DataValueSet.adx(values, dataSet: dataSet, exported: exported.formatted(.iso8601))
            return .attachment(ByteBuffer(string: xml), contentType: "application/adx+xml", filename: name + ".adx.xml")
        }
    }
}
