import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// What leaves and enters communication reporting as files: the summary as XLSX and CSV, the raw
/// values of completed reports as DHIS2 data value sets (JSON, CSV) and ADX, and the import of
/// that CSV for units that report by spreadsheet. Codes are our ids unless the mapping gives the
/// ministry DHIS2's.
struct ReportingExchangeService: Sendable {
    let summaries: ReportingSummaryService
    let reports: ReportService
    let repository: ReportRepository
    let mapping: ReportingCodeMapping

    /// The formats of `…/data-values`.
    enum DataValueFormat: String, CaseIterable, Sendable {
        case json, csv, adx
    }

    /// The values of the round's completed reports in the subtree of `orgUnitID`, with the period DHIS2 reads.
    func dataValues(roundID: Int64, orgUnitID: Int64?, for principal: Principal, adx: Bool) async throws -> (round: ReportingRoundRecord, values: [DataValue]) {
        let round = try await summaries.rounds.round(roundID, for: principal)
        let unit = try await summaries.rounds.scope(of: round, orgUnitID: orgUnitID, for: principal)
        let period = adx ? round.period.description : DHIS2Period.identifier(for: round.period)
        let stored = try await repository.dataValues(roundID: round.id, within: unit.path)
        return (
            round,
            stored.map {
                DataValue(
                    dataElement: mapping.dataElement($0.element), period: period, orgUnit: mapping.orgUnit($0.orgUnitID),
                    categoryOptionCombo: mapping.categoryOptionCombo, attributeOptionCombo: mapping.attributeOptionCombo, value: String($0.value),
                    storedBy: $0.storedBy, lastUpdated: $0.lastUpdated.formatted(.iso8601)
                )
            }
        )
    }

    /// What an import did.
    struct Imported: Sendable, Equatable, Encodable {
        var units: Int
        var values: Int
        var completed: Int
    }

    /// Saves the CSV's values into the round's reports (each unit's given values over what it
    /// saved), completing them when asked; every line is checked first and any problem rejects
    /// the file with all of them.
    func importCSV(_ text: String, roundID: Int64, complete: Bool, by principal: Principal, caller: Caller) async throws -> Imported {
        let round = try await summaries.rounds.round(roundID, for: principal)
        guard let form = summaries.rounds.form(of: round) else { throw ReportingError.roundNotFound(roundID: roundID) }
        var errors: [ImportRowError] = []
        var byUnit: [Int64: [String: Int]] = [:]
        for (line, row) in try DataValueSet.values(inCSV: text) {
            let element = mapping.dataElementID(forCode: row.dataElement)
            if form.element(element) == nil { errors.append(.init(line: line, field: "dataelement", message: "\(row.dataElement) is not an element of form \(form.id)")) }
            if !DHIS2Period.matches(row.period, round.period) {
                errors.append(.init(line: line, field: "period", message: "must be the round's period \(DHIS2Period.identifier(for: round.period))"))
            }
            let unitID = mapping.orgUnitID(forCode: row.orgUnit)
            if unitID == nil { errors.append(.init(line: line, field: "orgunit", message: "\(row.orgUnit) is not an organisation unit")) }
            guard let value = Int(row.value), value >= 0 else {
                errors.append(.init(line: line, field: "value", message: "must be a whole number from 0"))
                continue
            }
            if let unitID, form.element(element) != nil {
                if byUnit[unitID]?[element] != nil { errors.append(.init(line: line, field: "dataelement", message: "repeats an earlier line's")) }
                byUnit[unitID, default: [:]][element] = value
            }
        }
        guard errors.isEmpty else { throw ReportingExchangeError.importRejected(errors) }
        guard !byUnit.isEmpty else { throw ReportingExchangeError.importRejected([.init(line: 1, field: "file", message: "holds no value")]) }
        var merged: [(Int64, ReportService.Filled)] = []
        for (unitID, values) in byUnit.sorted(by: { $0.key < $1.key }) {
            do {
                let view = try await reports.view(roundID: round.id, orgUnitID: unitID, for: principal)
                guard view.editable else { throw ReportingError.notYourReport(orgUnitID: unitID) }
                let current = view.report
                merged.append((unitID, .init(values: (current?.values ?? [:]).merging(values) { $1 }, notes: current?.notes, proposals: current?.proposals)))
            } catch let error as ReportingError {
                errors.append(.init(line: 0, field: "orgunit", message: "\(mapping.orgUnit(unitID)): " + error.problem.detail))
            }
        }
        guard errors.isEmpty else { throw ReportingExchangeError.importRejected(errors) }
        var completed = 0
        for (unitID, filled) in merged {
            _ = try await reports.save(filled, roundID: round.id, orgUnitID: unitID, by: principal, caller: caller)
            if complete {
                _ = try await reports.complete(roundID: round.id, orgUnitID: unitID, by: principal, caller: caller)
                completed += 1
            }
        }
        return Imported(units: merged.count, values: byUnit.values.map(\.count).reduce(0, +), completed: completed)
    }
}

/// Why an import was not taken.
enum ReportingExchangeError: Error, Equatable {
    case importRejected([ImportRowError])
}
