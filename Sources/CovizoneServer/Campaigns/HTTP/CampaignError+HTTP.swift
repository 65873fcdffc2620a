extension CampaignError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .audienceNotFound(let id): .notFound("No audience \(id).")
        case .campaignNotFound(let id): .notFound("No campaign \(id).")
        case .roundNotFound(let campaignID, let number): .notFound("Campaign \(campaignID) has no round \(number).")
        case .notYourProvince(.audience): APIError(.forbidden, "Only the audience's province may change it.", code: "not_your_province")
        case .notYourProvince(.campaign): APIError(.forbidden, "Only officers of the campaign's province may change it.", code: "not_your_province")
        case .audienceInUse(let campaigns, importing: true):
            APIError(
                .conflict, "Campaigns \(Self.numbers(campaigns)) are sending to this list: wait until they are done or paused for good.",
                code: "audience_in_use"
            )
        case .audienceInUse(let campaigns, importing: false):
            APIError(
                .conflict, "Campaigns \(Self.numbers(campaigns)) still use this audience: cancel them or wait until they are done.", code: "audience_in_use"
            )
        case .notADraft(let status): APIError(.conflict, "Only a draft can be changed; this campaign is \(status.rawValue).", code: "not_a_draft")
        case .wrongStatus(let status, let step):
            APIError(.conflict, "A campaign that is \(status.rawValue) cannot be told to \(step.rawValue).", code: "wrong_status")
        case .approverIsAuthor: APIError(.forbidden, "A second officer approves a campaign, not its author.", code: "approver_is_author")
        case .changedMeanwhile: APIError(.conflict, "The campaign changed meanwhile; load it again.", code: "changed_meanwhile")
        case .invalidCSV(let reason): APIError(.unprocessableContent, reason, code: "invalid_csv")
        }
    }
}
