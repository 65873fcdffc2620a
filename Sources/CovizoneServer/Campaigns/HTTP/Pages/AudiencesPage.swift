import CovizoneCore
import CovizoneStore

/// The model of `GET /audiences`: the subscriber lists an officer may use, the form to start
/// one, each list's upload and deletion, and the report of an upload just made.
struct AudiencesPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var members: Int
        var createdBy: String
        var province: String
        var canEdit: Bool
    }

    struct Province: Sendable {
        var code: String
        var name: String
    }

    /// What an upload did, as the page tells it.
    struct Report: Sendable {
        struct Problem: Sendable {
            var line: Int
            var problem: String
        }
        var summary: String
        var rows: [Problem]
        var hasRows: Bool
        var audienceId: Int64
    }

    var audiences: [Row]
    var hasAudiences: Bool
    var isNational: Bool
    var provinces: [Province]
    var errors: [String] = []
    var report: Report?

    init(_ audiences: [AudienceRecord], principal: Principal, divisions: AdministrativeDivisions) {
        self.audiences = audiences.map {
            Row(
                id: $0.id, name: $0.name, members: $0.members, createdBy: $0.createdBy, province: $0.provinceCode.flatMap { divisions.province(code: $0)?.name } ?? "",
                canEdit: CampaignScope.owns($0.provinceCode, principal)
            )
        }
        hasAudiences = !audiences.isEmpty
        isNational = principal.scope.isNational
        provinces = divisions.provinces.map { Province(code: $0.code, name: $0.name) }
    }
}
