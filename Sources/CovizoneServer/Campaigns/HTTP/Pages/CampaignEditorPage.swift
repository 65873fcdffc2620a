import CovizoneCore
import CovizoneStore
import Messaging

/// The model of the campaign editor (`/campaigns/new`, `/campaigns/{id}/edit`): the form as
/// typed, the audiences and operators to choose from, and the problems found.
struct CampaignEditorPage: Sendable {
    struct Audience: Sendable {
        var id: Int64
        var name: String
        var members: Int
        var selected: Bool
    }

    struct Operator: Sendable {
        var id: String
        var name: String
        var checked: Bool
    }

    /// The form's fields by name (a dictionary: the template reads them as typed).
    var form: [String: String]
    var audiences: [Audience]
    var hasAudiences: Bool
    var operators: [Operator]
    var errors: [String]
    var action: String
    var campaignId: Int64
    var isNew: Bool
    var isNational: Bool
    /// The longest province name, which the page's part counter assumes for `{province}`.
    var longestProvince: String
    var httpSelected: Bool

    init(
        _ form: CampaignForm, campaignID: Int64?, errors: [String], audiences: [AudienceRecord], isNational: Bool, divisions: AdministrativeDivisions
    ) {
        var fields = form.fields
        fields["noDiacriticsChecked"] = form.fields["noDiacritics"] == "on" ? "checked" : ""
        self.form = fields
        self.audiences = audiences.map {
            Audience(id: $0.id, name: $0.name, members: $0.members, selected: form.fields["audienceId"] == String($0.id))
        }
        hasAudiences = !audiences.isEmpty
        operators = MobileOperator.all.map { Operator(id: $0.id, name: $0.name, checked: form.operators.contains($0.id)) }
        self.errors = errors
        action = campaignID.map { "/campaigns/\($0)/edit" } ?? "/campaigns"
        campaignId = campaignID ?? 0
        isNew = campaignID == nil
        self.isNational = isNational
        longestProvince = divisions.provinces.map(\.name).max { $0.count < $1.count } ?? ""
        httpSelected = form.fields["channel"] == CampaignChannel.http.rawValue
    }
}
