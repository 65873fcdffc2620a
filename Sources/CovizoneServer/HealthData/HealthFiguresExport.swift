import CommunicationReporting
import CovizoneCore
import Foundation
import HealthDataExchange

/// The daily figures as DHIS2 and ADX read them, in the same formats as communication reporting:
/// one value per province, day and figure; the province's GSO code is the org unit and the
/// figure's code the data element, unless the ministry's code mapping names DHIS2's.
struct HealthFiguresExport: Sendable {
    let mapping: ReportingCodeMapping

    /// The data set the values belong to.
    static let dataSet = "COVID19_CASES_DAILY"

    /// The figures exported, by data element code.
    static let elements: [(code: String, value: @Sendable (DailyCaseFigures) -> Int)] = [
        ("COVID19_NEW_SUSPECTED", \.newSuspected), ("COVID19_NEW_CONFIRMED", \.newConfirmed), ("COVID19_ACTIVE", \.active),
        ("COVID19_RECOVERED", \.recovered), ("COVID19_DECEASED", \.deceased), ("COVID19_BEDS_OCCUPIED", \.bedsOccupied),
    ]

    /// Every province's values for every day of `figures`; periods as DHIS2 (`20270115`) or ADX (`2027-01-15/P1D`) write a day.
    func dataValues(_ figures: HealthCaseViews.Figures, adx: Bool, at now: Date) -> [DataValue] {
        var values: [DataValue] = []
        for (code, days) in figures.provinces {
            for day in days {
                guard let period = ADXPeriod(startDay: day.day, endDay: day.day) else { continue }
                for element in Self.elements {
                    values.append(
                        DataValue(
                            dataElement: mapping.dataElement(element.code), period: adx ? period.description : DHIS2Period.identifier(for: period), orgUnit: code,
                            categoryOptionCombo: mapping.categoryOptionCombo, attributeOptionCombo: mapping.attributeOptionCombo,
                            value: String(element.value(day)), lastUpdated: now.formatted(.iso8601)
                        )
                    )
                }
            }
        }
        return values
    }
}
