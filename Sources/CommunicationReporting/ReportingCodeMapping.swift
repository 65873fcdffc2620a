import Foundation

/// The codes a ministry's DHIS2 knows our data elements and organisation units by, read from a
/// JSON file (a setting): `{"dataElements": {"radio.quantity": "UID"}, "orgUnits": {"42": "UID"},
/// "categoryOptionCombo": "UID", "attributeOptionCombo": "UID"}`. Whatever it leaves out is
/// exported under our own ids.
public struct ReportingCodeMapping: Codable, Sendable, Equatable {
    public var dataElements: [String: String]
    public var orgUnits: [String: String]
    public var categoryOptionCombo: String?
    public var attributeOptionCombo: String?

    public init(dataElements: [String: String] = [:], orgUnits: [String: String] = [:], categoryOptionCombo: String? = nil, attributeOptionCombo: String? = nil) {
        self.dataElements = dataElements
        self.orgUnits = orgUnits
        self.categoryOptionCombo = categoryOptionCombo
        self.attributeOptionCombo = attributeOptionCombo
    }

    public static func load(from url: URL) throws -> ReportingCodeMapping {
        try JSONDecoder().decode(ReportingCodeMapping.self, from: Data(contentsOf: url))
    }

    /// The code of data element `id`.
    public func dataElement(_ id: String) -> String { dataElements[id] ?? id }

    /// The code of org unit `id`.
    public func orgUnit(_ id: Int64) -> String { orgUnits[String(id)] ?? String(id) }

    /// Our data element for a code (a mapped uid or our own id).
    public func dataElementID(forCode code: String) -> String {
        dataElements.first { $0.value == code }?.key ?? code
    }

    /// Our org unit id for a code (a mapped uid or our own id).
    public func orgUnitID(forCode code: String) -> Int64? {
        orgUnits.first { $0.value == code }.flatMap { Int64($0.key) } ?? Int64(code)
    }
}
