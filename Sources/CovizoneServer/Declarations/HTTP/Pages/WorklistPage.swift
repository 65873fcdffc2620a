import Charts
import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration

/// The model of `GET /declarations/worklist`: the filters as chosen, a page of declarations to
/// follow up with whom to call, the link to the next page and to the CSV, and the counts per day.
struct WorklistPage: Sendable {
    struct Row: Sendable {
        var kind: String
        var code: String
        var displayCode: String
        var riskLevel: String
        var riskLabel: String
        var statusLabel: String
        var name: String
        var phone: String
        var wardName: String
        var submittedAt: String
    }

    var national: Bool
    var provinces: [PageOption]
    var kinds: [PageOption]
    var risks: [PageOption]
    var statuses: [PageOption]
    var from: String
    var to: String
    var csvHref: String
    var statistics: [DeclarationService.DayCount]
    /// Declarations per day by risk, all provinces of the filter together, as an SVG chart.
    var chart: String
    var items: [Row] = []
    var nextHref: String?
    var errors: [String] = []
    var hasErrors = false

    /// The filters of `parameters` (as typed) for an account of `scope`, with the counts per day.
    init(parameters: [String: String], scope: AccountScope, statistics: [DeclarationService.DayCount], text: PageText, divisions: AdministrativeDivisions) {
        func options(_ codes: [String], key: String, prefix: String) -> [PageOption] {
            codes.map { PageOption(code: $0, label: text("\(prefix)\($0)"), selected: parameters[key] == $0) }
        }
        national = scope.isNational
        provinces = divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: parameters["province"] == $0.code) }
        kinds = options(DeclarationKind.allCases.map(\.rawValue), key: "kind", prefix: "worklist_kind_")
        risks = options(RiskLevel.allCases.reversed().map(\.rawValue), key: "risk", prefix: "declaration_risk_")
        statuses = options(FollowUpStatus.allCases.map(\.rawValue), key: "status", prefix: "followup_status_")
        from = parameters["from"] ?? ""
        to = parameters["to"] ?? ""
        var csv = parameters
        csv["cursor"] = nil
        csvHref = "/declarations/worklist.csv?" + QueryString.encode(csv)
        self.statistics = statistics
        chart = Self.chart(statistics, text: text)
    }

    /// The days of `statistics` in order, each a bar of its high, medium and low risk declarations.
    private static func chart(_ statistics: [DeclarationService.DayCount], text: PageText) -> String {
        let days = Set(statistics.map(\.day)).sorted()
        guard !days.isEmpty else { return "" }
        func series(_ level: RiskLevel, _ count: (DeclarationService.DayCount) -> Int) -> Chart.Series {
            Chart.Series(
                name: text("declaration_risk_\(level.rawValue)"),
                values: days.map { day in Double(statistics.filter { $0.day == day }.map(count).reduce(0, +)) }
            )
        }
        let summary = text("worklist_chart", [
            "total": String(statistics.map(\.total).reduce(0, +)), "days": String(days.count), "high": String(statistics.map(\.high).reduce(0, +)),
        ])
        return Chart(
            style: .stackedBars, title: text("worklist_statistics"), summary: summary, categories: days.map { String($0.suffix(5)) },
            series: [series(.high, \.high), series(.medium, \.medium), series(.low, \.low)]
        ).svg()
    }

    /// The rows of `entries`, times in Vietnam and labels in the page's language.
    static func rows(_ entries: [DeclarationService.WorklistEntry], text: PageText, divisions: AdministrativeDivisions) -> [Row] {
        entries.map { entry in
            let record = entry.record
            return Row(
                kind: record.kind.rawValue, code: record.code, displayCode: DeclarationCode.display(record.code), riskLevel: record.content.riskLevel.rawValue,
                riskLabel: text("declaration_risk_\(record.content.riskLevel.rawValue)"), statusLabel: text("followup_status_\(record.followUpStatus.rawValue)"),
                name: entry.name ?? "", phone: entry.phone ?? "", wardName: record.content.wardCode.flatMap { divisions.ward(code: $0)?.name } ?? "",
                submittedAt: PageText.time(record.submittedAt)
            )
        }
    }
}
