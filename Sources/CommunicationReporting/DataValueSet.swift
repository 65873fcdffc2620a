import CovizoneCore
import Foundation

/// Raw values as DHIS2 exchanges them: one value per data element, period and org unit, with who
/// stored it, when, and a comment. Written as data value set JSON and CSV, and as ADX
/// (`urn:ihe:qrph:adx:2015`); read back from the CSV.
public struct DataValue: Sendable, Equatable, Codable {
    public var dataElement: String
    public var period: String
    public var orgUnit: String
    public var categoryOptionCombo: String?
    public var attributeOptionCombo: String?
    public var value: String
    public var storedBy: String?
    /// ISO 8601.
    public var lastUpdated: String?
    public var comment: String?

    public init(
        dataElement: String, period: String, orgUnit: String, categoryOptionCombo: String? = nil, attributeOptionCombo: String? = nil, value: String,
        storedBy: String? = nil, lastUpdated: String? = nil, comment: String? = nil
    ) {
        self.dataElement = dataElement
        self.period = period
        self.orgUnit = orgUnit
        self.categoryOptionCombo = categoryOptionCombo
        self.attributeOptionCombo = attributeOptionCombo
        self.value = value
        self.storedBy = storedBy
        self.lastUpdated = lastUpdated
        self.comment = comment
    }
}

/// The three ways DHIS2 reads data values.
public enum DataValueSet {
    /// The CSV header DHIS2 writes and reads.
    public static let csvColumns = ["dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "storedby", "lastupdated", "comment"]

    /// `{"dataValues": [...]}` as DHIS2's `/api/dataValueSets` takes it (keys sorted, absent fields left out).
    public static func json(_ values: [DataValue], dataSet: String) throws -> Data {
        struct Envelope: Encodable {
            var dataSet: String
            var dataValues: [DataValue]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Envelope(dataSet: dataSet, dataValues: values))
    }

    /// The CSV with its header row.
    public static func csv(_ values: [DataValue]) -> String {
        CSVWriter.row(csvColumns) + values.map { value in
            CSVWriter.row([
                value.dataElement, value.period, value.orgUnit, value.categoryOptionCombo ?? "", value.attributeOptionCombo ?? "", value.value,
                value.storedBy ?? "", value.lastUpdated ?? "", value.comment ?? "",
            ])
        }.joined()
    }

    /// ADX: one `group` per org unit and period, the values as `dataValue` elements, comments as annotations.
    public static func adx(_ values: [DataValue], dataSet: String, exported: String) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<adx xmlns="urn:ihe:qrph:adx:2015" exported="\#(escape(exported))">"# + "\n"
        var groups: [(key: String, values: [DataValue])] = []
        for value in values {
            let key = value.orgUnit + "\u{0}" + value.period
            if groups.last?.key == key { groups[groups.count - 1].values.append(value) } else { groups.append((key, [value])) }
        }
        for group in groups {
            guard let first = group.values.first else { continue }
            xml += #"  <group orgUnit="\#(escape(first.orgUnit))" period="\#(escape(first.period))" dataSet="\#(escape(dataSet))">"# + "\n"
            for value in group.values {
                let element = #"    <dataValue dataElement="\#(escape(value.dataElement))" value="\#(escape(value.value))""#
                if let comment = value.comment, !comment.isEmpty {
                    xml += element + "><annotation>\(escape(comment))</annotation></dataValue>\n"
                } else {
                    xml += element + "/>\n"
                }
            }
            xml += "  </group>\n"
        }
        return xml + "</adx>\n"
    }

    /// Reads the CSV (the header as written above, any order of those columns; `dataelement`,
    /// `period`, `orgunit` and `value` required), with its lines.
    public static func values(inCSV text: String) throws(ValidationFailure) -> [(line: Int, value: DataValue)] {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: text)
        } catch {
            throw ValidationFailure([FieldError(field: "file", message: "is not CSV: \(error.description)")])
        }
        guard let header = records.first else { throw ValidationFailure([FieldError(field: "file", message: "is empty")]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = ["dataelement", "period", "orgunit", "value"].filter { !names.contains($0) }
        let unknown = names.filter { !csvColumns.contains($0) }
        guard missing.isEmpty, unknown.isEmpty else {
            throw ValidationFailure([FieldError(field: "file", message: "the header must name the columns " + csvColumns.joined(separator: ","))])
        }
        return records.dropFirst().filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }.map { record in
            func field(_ name: String) -> String? {
                guard let index = names.firstIndex(of: name), index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            return (
                record.line,
                DataValue(
                    dataElement: field("dataelement") ?? "", period: field("period") ?? "", orgUnit: field("orgunit") ?? "",
                    categoryOptionCombo: field("catoptcombo"), attributeOptionCombo: field("attroptcombo"), value: field("value") ?? "",
                    storedBy: field("storedby"), lastUpdated: field("lastupdated"), comment: field("comment")
                )
            )
        }
    }

    static func escape(_ text: String) -> String { XMLText.escaped(text) }
}
