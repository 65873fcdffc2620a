/// Where a campaign is in its life: written (draft), approved by a second officer, scheduled,
/// sending a round, paused by an officer, and at the end done or cancelled.
public enum CampaignStatus: String, Sendable, Codable, CaseIterable {
    case draft, approved, scheduled, sending, paused, done, cancelled

    /// What an officer (or the dispatcher) does to a campaign.
    public enum Step: String, Sendable, Codable {
        case approve, schedule, pause, resume, cancel
        /// The dispatcher: a round is due.
        case startRound
        /// The dispatcher: a round ended; `more` rounds follow or not.
        case finishRound
        case finishLastRound
    }

    /// The status after `step`, or nil when the step is not allowed from here.
    public func after(_ step: Step) -> CampaignStatus? {
        switch (self, step) {
        case (.draft, .approve): .approved
        case (.approved, .schedule): .scheduled
        case (.scheduled, .startRound): .sending
        case (.sending, .finishRound): .scheduled
        case (.sending, .finishLastRound), (.scheduled, .finishLastRound): .done
        case (.scheduled, .pause), (.sending, .pause): .paused
        case (.paused, .resume): .scheduled
        case (.draft, .cancel), (.approved, .cancel), (.scheduled, .cancel), (.sending, .cancel), (.paused, .cancel): .cancelled
        default: nil
        }
    }

    /// The template, audience and schedule can still be changed.
    public var isEditable: Bool { self == .draft }
}
