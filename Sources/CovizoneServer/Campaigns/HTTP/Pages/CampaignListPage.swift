import CovizoneCore
import CovizoneStore

/// The model of `GET /campaigns`: the campaigns an account may see, and whether it may write one.
struct CampaignListPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var status: String
        var start: String
        var createdBy: String
    }

    var campaigns: [Row]
    var hasCampaigns: Bool
    var canWrite: Bool

    init(_ campaigns: [CampaignRecord], canWrite: Bool, text: PageText) {
        self.campaigns = campaigns.map {
            Row(
                id: $0.id, name: $0.content.name, status: text("campaign_status_\($0.status.rawValue)"), start: PageText.wallClock($0.content.schedule.start),
                createdBy: $0.createdBy
            )
        }
        hasCampaigns = !campaigns.isEmpty
        self.canWrite = canWrite
    }
}
