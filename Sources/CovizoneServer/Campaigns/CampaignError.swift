import Messaging

/// Why an audience or a campaign cannot be shown or changed.
enum CampaignError: Error, Equatable {
    /// What belongs to a province: its officers (and national ones) change it.
    enum Owned: Sendable {
        case audience, campaign
    }

    case audienceNotFound(Int64)
    case campaignNotFound(Int64)
    case roundNotFound(campaignID: Int64, number: Int)
    case notYourProvince(Owned)
    /// Campaigns that still use the list: it cannot be deleted, nor imported into while they send.
    case audienceInUse(campaigns: [Int64], importing: Bool)
    case notADraft(CampaignStatus)
    case wrongStatus(CampaignStatus, step: CampaignStatus.Step)
    /// A second officer approves a campaign, not its author.
    case approverIsAuthor
    /// Another officer moved the campaign on between reading and writing.
    case changedMeanwhile
    /// An uploaded subscriber list that is not UTF-8 CSV.
    case invalidCSV(reason: String)

    /// The campaigns a list is in use by, as officers write them: `#3, #5`.
    static func numbers(_ ids: [Int64]) -> String {
        ids.map { "#\($0)" }.joined(separator: ", ")
    }
}
