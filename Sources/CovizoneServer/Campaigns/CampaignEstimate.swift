/// Recipients and standard SMS units of a campaign before approval, at today's audience.
struct CampaignEstimate: Encodable, Sendable, Equatable {
    struct OperatorShare: Encodable, Sendable, Equatable {
        var `operator`: String
        var recipients: Int
        var units: Int
    }

    var recipients: Int
    var rounds: Int
    /// Units of one round.
    var unitsPerRound: Int
    /// Units of every round.
    var units: Int
    var byOperator: [OperatorShare]

    /// The estimate of `rounds` rounds to the members of `reach`, each sent the parts that
    /// `parts` counts for their province.
    init(reach: [(operatorID: String, provinceCode: String, members: Int)], rounds: Int, parts: (_ provinceCode: String) -> Int) {
        var shares: [String: OperatorShare] = [:]
        for entry in reach {
            shares[entry.operatorID, default: OperatorShare(operator: entry.operatorID, recipients: 0, units: 0)].recipients += entry.members
            shares[entry.operatorID, default: OperatorShare(operator: entry.operatorID, recipients: 0, units: 0)].units += entry.members * parts(entry.provinceCode)
        }
        byOperator = shares.values.sorted { $0.operator < $1.operator }
        recipients = byOperator.map(\.recipients).reduce(0, +)
        self.rounds = rounds
        unitsPerRound = byOperator.map(\.units).reduce(0, +)
        units = unitsPerRound * rounds
    }
}
