/// Where a campaign is in its life: written (draft), approved by a second officer, scheduled,
/// sending a round, paused by an officer, and at the end done or cancelled.
public enum CampaignStatus: String, Sendable, Codable, CaseIterable {
    case draft, approved, scheduled, sending, paused, done, cancelled

    /// What an officer does to a campaign. (The dispatcher moves a campaign to `sending` when a
    /// round is queued, and back to `scheduled` or to `done` when it is sent.)
    public enum Step: String, Sendable, Codable, CaseIterable {
        case approve, schedule, pause, resume, cancel
    }

    /// The status after `step`, or nil when the step is not allowed from here.
    public func after(_ step: Step) -> CampaignStatus? {
        switch (self, step) {
        case (.draft, .approve): .approved
        case (.approved, .schedule): .scheduled
        case (.scheduled, .pause), (.sending, .pause): .paused
        case (.paused, .resume): .scheduled
        case (.draft, .cancel), (.approved, .cancel), (.scheduled, .cancel), (.sending, .cancel), (.paused, .cancel): .cancelled
        default: nil
        }
    }

    /// The template, audience and schedule can still be changed.
    public var isEditable: Bool { self == .draft }
}
