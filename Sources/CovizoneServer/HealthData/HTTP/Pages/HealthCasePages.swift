import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The line list page: the cases in the reader's scope, filtered, 50 a page.
struct HealthCasesPage: Sendable {
    struct Row: Sendable {
        var href: String
        var name: String
        var status: String
        var statusAt: String
        var province: String
        var phone: String
        var identifiers: String
    }

    var rows: [Row]
    var hasRows: Bool
    var nextHref: String?
    var csvHref: String
    var statusOptions: [PageOption]
    var provinceOptions: [PageOption]
    var choosesProvince: Bool
    var canEnter: Bool
    /// Whether the account reviews merges (the navigation links them).
    var reviewsMerges: Bool

    /// What a row shows of `patient`: identifiers masked, times in Vietnam's wall clock.
    static func row(_ patient: HealthPatientRecord, text: PageText, divisions: AdministrativeDivisions) -> Row {
        Row(
            href: "/health/cases/\(patient.id)", name: patient.details.name, status: text("health_status_" + patient.status.rawValue),
            statusAt: PageText.wallClock(patient.statusAt), province: patient.details.provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? "",
            phone: patient.details.phone ?? "", identifiers: patient.identifiers.map(\.maskedValue).joined(separator: ", ")
        )
    }
}

/// One case: who the person is, who reported them, how the case moved; for the province's health
/// authority, the upload code and the venues of the infectious period.
struct HealthCasePage: Sendable {
    struct Change: Sendable {
        var status: String
        var at: String
        var reportedBy: String
    }

    struct Declaration: Sendable {
        var href: String
        var code: String
        var kind: String
        var risk: String
        var submittedAt: String
    }

    struct Visit: Sendable {
        var venue: String
        var checkedInAt: String
        var endedAt: String
        var outbreakAction: String
    }

    var caseID: Int64
    var name: String
    var status: String
    var birthDate: String
    var gender: String
    var phone: String
    var place: String
    var identifiers: String
    var sources: String
    var changes: [Change]
    /// The province's health authority acts on a confirmed case.
    var canAct: Bool
    var reviewsMerges: Bool
    var issued: UploadCodesPageController.Page.Issued?
    var infectiousPeriod: String?
    var visits: [Visit]
    var hasVisits: Bool
    var declarations: [Declaration]
    var hasDeclarations: Bool
    var notice: String?
    var error: String?

    init(_ detail: HealthCaseViews.Detail, canAct: Bool, reviewsMerges: Bool, text: PageText, divisions: AdministrativeDivisions) {
        let patient = detail.patient
        let details = patient.details
        caseID = patient.id
        name = details.name
        status = text("health_status_" + patient.status.rawValue)
        birthDate = details.birthDate ?? ""
        gender = details.gender.map { text.label("health_gender_", $0) } ?? ""
        phone = details.phone ?? ""
        let province = details.provinceCode.flatMap { divisions.province(code: $0) }
        place = [details.address, details.wardCode.flatMap { divisions.ward(code: $0)?.name }, province?.name].compactMap { $0 }.joined(separator: ", ")
        identifiers = patient.identifiers.map(\.maskedValue).joined(separator: ", ")
        let names = detail.accountNames
        sources = patient.sourceAccountIDs.map { names[$0] ?? "#\($0)" }.joined(separator: ", ")
        changes = detail.changes.map {
            Change(status: text("health_status_" + $0.status.rawValue), at: PageText.wallClock($0.at), reportedBy: $0.accountID.map { names[$0] ?? "#\($0)" } ?? "")
        }
        self.canAct = canAct
        self.reviewsMerges = reviewsMerges
        visits = []
        hasVisits = false
        declarations = []
        hasDeclarations = false
    }
}

/// The form a clinic enters one case with: the columns of its spreadsheet, each field with its problem.
struct HealthCaseFormPage: Sendable {
    struct Field: Sendable {
        var name: String
        var label: String
        var value: String
        var inputType: String
        var options: [PageOption]
        var isSelect: Bool
        var required: Bool
        var error: String?
    }

    var fields: [Field]
    var errors: [String]
    var hasErrors: Bool

    /// The choices of the form's select lists, by column (the first is "not given").
    static func choices(text: PageText, divisions: AdministrativeDivisions) -> [String: [(code: String, label: String)]] {
        let none = [(code: "", label: text("health_form_none"))]
        return [
            "identifierSystem": [
                (CaseVocabulary.IdentifierSystem.cccd, text("health_identifier_cccd")), (CaseVocabulary.IdentifierSystem.passport, text("health_identifier_passport")),
            ],
            "gender": none + ["male", "female", "other", "unknown"].map { ($0, text("health_gender_" + $0)) },
            "provinceCode": none + divisions.provinces.map { ($0.code, $0.name) },
            "diagnosis": none + ["suspected", "confirmed"].map { ($0, text("health_status_" + $0)) },
            "test": none + ["pcr", "rapid-antigen"].map { ($0, text("health_test_" + $0)) },
            "result": none + ["positive", "negative"].map { ($0, text("health_result_" + $0)) },
        ]
    }

    /// The columns entered as a date and time (the browser's `datetime-local`, read as Vietnam time).
    static let timeColumns: Set<String> = ["testedAt", "admittedAt", "isolatedAt", "dischargedAt", "deceasedAt"]

    init(values: [String: String], problems: [FieldError], text: PageText, divisions: AdministrativeDivisions) {
        let choices = Self.choices(text: text, divisions: divisions)
        // Each column's problem as the tables say it (the reader's English text where they have none).
        let sentences = text.localizer.sentences(for: problems, prefix: "health_error_", text.language)
        var sentenceOf: [String: String] = [:]
        for (problem, sentence) in zip(problems, sentences) where sentenceOf[problem.field] == nil { sentenceOf[problem.field] = sentence }
        fields = CaseRow.columns.map { column in
            let value = values[column] ?? ""
            let options = (choices[column] ?? []).map { PageOption(code: $0.code, label: $0.label, selected: $0.code == value) }
            let inputType = Self.timeColumns.contains(column) ? "datetime-local" : column == "birthDate" ? "date" : column == "phone" ? "tel" : "text"
            let problem = sentenceOf[column]
            return Field(
                name: column, label: text("health_field_" + column), value: value, inputType: inputType, options: options, isSelect: !options.isEmpty,
                required: column == "name", error: problem
            )
        }
        errors = zip(problems, sentences).map { "\(text("health_field_" + $0.field)): \($1)" }
        hasErrors = !problems.isEmpty
    }

    /// A form's values as the spreadsheet row writes them: a `datetime-local` time given Vietnam's offset.
    static func row(from values: [String: String]) -> CaseRow {
        CaseRow { column in
            let value = values[column]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard timeColumns.contains(column), value.count == 16, value.dropFirst(10).first == "T" else { return value }
            return value + ":00+07:00"
        }
    }
}

/// The daily figures page: a chart and a table of the country's (or province's) days, each
/// province's latest figures, and the beds each facility holds today.
struct HealthFiguresPage: Sendable {
    struct ProvinceRow: Sendable {
        var name: String
        var today: HealthJSON.Day
        var confirmedInPeriod: Int
    }

    struct BedsRow: Sendable {
        var facility: String
        var occupied: Int
    }

    var chart: String
    var days: [HealthJSON.Day]
    var provinces: [ProvinceRow]
    var beds: [BedsRow]
    var hasBeds: Bool
    var period: String
    var exportQuery: String
    var reviewsMerges: Bool
}
