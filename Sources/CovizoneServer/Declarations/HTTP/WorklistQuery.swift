import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// The filters of a worklist as the API and the page take them (`kind`, `province`, `ward`,
/// `from` and `to` as Vietnam days `YYYY-MM-DD`, `risk`, `status`), checked and bound to the
/// officer's province: a province-bound account sees only its own.
struct WorklistQuery: Sendable {
    var filter: WorklistFilter

    /// The filters in `request`'s query (the first value of a repeated parameter).
    static func parameters(of request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    init(parameters: [String: String], principal: Principal, divisions: AdministrativeDivisions) throws {
        var problems: [FieldError] = []
        func value(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }
        let kind = value("kind").map { DeclarationKind(rawValue: $0) }
        if case .some(nil) = kind { problems.append(FieldError(field: "kind", message: "must be entry or voluntary")) }
        var province = value("province")
        if let asked = province {
            province = divisions.province(code: asked)?.code
            if province == nil { problems.append(FieldError(field: "province", message: "is not a province code")) }
        }
        if let own = principal.scope.provinceCode {
            if let asked = province, asked != own { throw DeclarationError.outsideProvince(own: own) }
            province = own
        }
        var ward = value("ward")
        if let asked = ward {
            ward = province.flatMap { divisions.contains(ward: asked, inProvince: $0) ? divisions.ward(code: asked)?.code : nil }
            if ward == nil { problems.append(FieldError(field: "ward", message: "is not a ward of the province")) }
        }
        var from: Date?
        if let text = value("from") {
            from = VietnamDay.number(from: text).map(VietnamDay.start(ofNumber:))
            if from == nil { problems.append(FieldError(field: "from", message: "must be a date YYYY-MM-DD")) }
        }
        var to: Date?
        if let text = value("to") {
            to = VietnamDay.number(from: text).map { VietnamDay.start(ofNumber: $0 + 1) }
            if to == nil { problems.append(FieldError(field: "to", message: "must be a date YYYY-MM-DD")) }
        }
        let risk = value("risk").map { RiskLevel(rawValue: $0) }
        if case .some(nil) = risk { problems.append(FieldError(field: "risk", message: "must be low, medium or high")) }
        let status = value("status").map { FollowUpStatus(rawValue: $0) }
        if case .some(nil) = status {
            problems.append(FieldError(field: "status", message: "must be one of \(FollowUpStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        try ValidationFailure.check(problems)
        filter = WorklistFilter(
            kind: kind ?? nil, provinceCode: province, wardCode: ward, from: from, to: to, riskLevel: risk ?? nil, followUpStatus: status ?? nil
        )
    }
}
