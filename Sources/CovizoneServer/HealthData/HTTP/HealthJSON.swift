import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange
import HealthDeclaration
import Hummingbird

/// The exchange's cases and figures as the API writes them (outside FHIR).
enum HealthJSON {
    /// An identifier as views show it: its system and the value's last four characters.
    struct Identifier: Encodable, Sendable {
        var system: String
        var value: String

        init(_ identifier: PersonIdentifier) {
            (system, value) = (identifier.system, identifier.maskedValue)
        }
    }

    /// A line of the line list.
    struct CaseItem: Encodable, Sendable {
        var id: Int64
        var name: String
        var birthDate: String?
        var gender: String?
        var phone: String?
        var provinceCode: String?
        var wardCode: String?
        var status: CaseStatus
        var statusAt: Date
        var updatedAt: Date
        var identifiers: [Identifier]
        /// The facility accounts that reported the person.
        var sourceIds: [Int64]

        init(_ patient: HealthPatientRecord) {
            let details = patient.details
            (id, name, birthDate, gender, phone) = (patient.id, details.name, details.birthDate, details.gender, details.phone)
            (provinceCode, wardCode, status, statusAt, updatedAt) = (details.provinceCode, details.wardCode, patient.status, patient.statusAt, patient.updatedAt)
            identifiers = patient.identifiers.map(Identifier.init)
            sourceIds = patient.sourceAccountIDs
        }

        static let csvHeader = ["id", "status", "statusAt", "name", "birthDate", "gender", "phone", "provinceCode", "wardCode", "identifiers", "sources", "updatedAt"]

        var csvFields: [String] {
            [
                String(id), status.rawValue, statusAt.formatted(.iso8601), name, birthDate ?? "", gender ?? "", phone ?? "", provinceCode ?? "", wardCode ?? "",
                identifiers.map { "\($0.system)|\($0.value)" }.joined(separator: " "), sourceIds.map(String.init).joined(separator: " "),
                updatedAt.formatted(.iso8601),
            ]
        }
    }

    /// An account named in a case: a facility that reported it, or who changed its status.
    struct Account: Encodable, Sendable {
        var id: Int64
        var name: String
    }

    /// One case with its history.
    struct CaseDetail: ResponseEncodable, Sendable {
        struct Change: Encodable, Sendable {
            var status: CaseStatus
            var at: Date
            var reportedBy: Account?
        }

        var `case`: CaseItem
        var sources: [Account]
        var changes: [Change]

        init(_ detail: HealthCaseViews.Detail) {
            `case` = CaseItem(detail.patient)
            let names = detail.accountNames
            sources = detail.patient.sourceAccountIDs.map { Account(id: $0, name: names[$0] ?? "#\($0)") }
            changes = detail.changes.map { change in
                Change(status: change.status, at: change.at, reportedBy: change.accountID.map { Account(id: $0, name: names[$0] ?? "#\($0)") })
            }
        }
    }

    /// One day's figures.
    struct Day: Encodable, Sendable {
        var date: String
        var newSuspected: Int
        var newConfirmed: Int
        var active: Int
        var recovered: Int
        var deceased: Int
        var bedsOccupied: Int

        init(_ figures: DailyCaseFigures) {
            date = VietnamDay.string(ofNumber: figures.day)
            (newSuspected, newConfirmed, active) = (figures.newSuspected, figures.newConfirmed, figures.active)
            (recovered, deceased, bedsOccupied) = (figures.recovered, figures.deceased, figures.bedsOccupied)
        }
    }

    /// The daily figures: all together, by province, and the beds each facility holds on the last day.
    struct Figures: ResponseEncodable, Sendable {
        struct Province: Encodable, Sendable {
            var code: String
            var name: String
            var days: [Day]
        }

        struct Beds: Encodable, Sendable {
            var facility: Account
            var occupied: Int
        }

        var from: String
        var to: String
        var days: [Day]
        var provinces: [Province]
        var beds: [Beds]

        init(_ figures: HealthCaseViews.Figures, divisions: AdministrativeDivisions) {
            from = VietnamDay.string(ofNumber: figures.days.lowerBound)
            to = VietnamDay.string(ofNumber: figures.days.upperBound)
            days = figures.total.map(Day.init)
            provinces = figures.provinces.map { Province(code: $0.code, name: divisions.province(code: $0.code)?.name ?? $0.code, days: $0.figures.map(Day.init)) }
            beds = figures.today.bedsByFacility.sorted { $0.key < $1.key }
                .map { Beds(facility: Account(id: $0.key, name: figures.facilityNames[$0.key] ?? "#\($0.key)"), occupied: $0.value) }
        }
    }

    /// A check-in of a case's phone in its infectious period.
    struct CaseVisit: Encodable, Sendable {
        var visitId: Int64
        var venueId: Int64
        var venueName: String
        var checkedInAt: Date
        var endedAt: Date
    }

    struct CaseVisits: ResponseEncodable, Sendable {
        var infectiousFrom: Date
        var infectiousTo: Date
        var items: [CaseVisit]
    }
}

extension HealthJSON {
    /// A merge for review: the person before, what the facility sent, and where it stands.
    struct Merge: Encodable, Sendable {
        struct Side: Encodable, Sendable {
            var name: String
            var birthDate: String?
            var phone: String?
            var provinceCode: String?
            var identifiers: [Identifier]

            init(_ side: HealthMergeSide) {
                (name, birthDate, phone, provinceCode) = (side.details.name, side.details.birthDate, side.details.phone, side.details.provinceCode)
                identifiers = side.identifiers.map(Identifier.init)
            }
        }

        var id: Int64
        var patientId: Int64
        var facility: Account
        var matchedBy: String
        var status: HealthMergeStatus
        var createdAt: Date
        var reviewedAt: Date?
        var splitPatientId: Int64?
        var previous: Side
        var incoming: Side

        init(_ merge: HealthMergeRecord, facilityName: String?) {
            (id, patientId, matchedBy, status) = (merge.id, merge.patientID, merge.matchedBy, merge.status)
            facility = Account(id: merge.accountID, name: facilityName ?? "#\(merge.accountID)")
            (createdAt, reviewedAt, splitPatientId) = (merge.createdAt, merge.reviewedAt, merge.splitPatientID)
            (previous, incoming) = (Side(merge.previous), Side(merge.incoming))
        }
    }
}

extension HealthJSON.Merge: ResponseEncodable {}

extension HealthJSON {
    /// A declaration of a case's patient, as a link to it.
    struct CaseDeclaration: Encodable, Sendable {
        var kind: DeclarationKind
        var code: String
        var riskLevel: String
        var provinceCode: String?
        var submittedAt: Date
        var href: String

        init(_ record: DeclarationRecord) {
            (kind, code, riskLevel, provinceCode, submittedAt) = (record.kind, record.code, record.content.riskLevel.rawValue, record.content.provinceCode, record.submittedAt)
            href = "/declarations/\(record.kind.rawValue)/\(record.code)"
        }
    }

    struct CaseDeclarations: ResponseEncodable, Sendable {
        var items: [CaseDeclaration]
    }
}
