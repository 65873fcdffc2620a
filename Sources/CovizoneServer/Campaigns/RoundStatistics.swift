import CovizoneCore
import CovizoneStore
import Foundation

/// A round's figures, as the campaign page, its CSV and the communication reports show them:
/// recipients, messages, standard SMS units, submitted (accepted by the SMSC, with or without a
/// receipt yet), delivered, failed, pending (not yet settled) and reach (delivered as a share of
/// the recipients), in all and per operator and province.
struct RoundStatistics: Encodable, Sendable, Equatable {
    struct Figures: Encodable, Sendable, Equatable {
        var recipients = 0
        var messages = 0
        var units = 0
        var submitted = 0
        var delivered = 0
        var failed = 0
        var pending = 0
        var reachPercent: Double = 0

        mutating func add(_ tally: RoundTally) {
            recipients += tally.messages
            messages += tally.messages
            units += tally.units
            switch tally.status {
            case .submitted:
                submitted += tally.messages
                pending += tally.messages
            case .delivered:
                submitted += tally.messages
                delivered += tally.messages
            case .failed: failed += tally.messages
            case .queued, .sending, .unconfirmed: pending += tally.messages
            }
            reachPercent = recipients == 0 ? 0 : (Double(delivered) * 1000 / Double(recipients)).rounded() / 10
        }
    }

    struct Share: Encodable, Sendable, Equatable {
        var key: String
        var figures: Figures
    }

    var total = Figures()
    var byOperator: [Share] = []
    var byProvince: [Share] = []

    init(tallies: [RoundTally]) {
        var operators: [String: Figures] = [:]
        var provinces: [String: Figures] = [:]
        for tally in tallies {
            total.add(tally)
            operators[tally.operatorID, default: Figures()].add(tally)
            provinces[tally.provinceCode, default: Figures()].add(tally)
        }
        byOperator = operators.sorted { $0.key < $1.key }.map { Share(key: $0.key, figures: $0.value) }
        byProvince = provinces.sorted { $0.key < $1.key }.map { Share(key: $0.key, figures: $0.value) }
    }

    /// One row per operator and per province, then the total: what a reporting unit files.
    func csv(campaign: String, round: Int) -> String {
        let header = CSVWriter.row(["campaign", "round", "by", "key", "recipients", "messages", "units", "submitted", "delivered", "failed", "pending", "reach_percent"])
        let rows = byOperator.map { ("operator", $0) } + byProvince.map { ("province", $0) } + [("all", Share(key: "", figures: total))]
        return header + rows.map { by, share in
            let figures = share.figures
            return CSVWriter.row(
                [campaign, String(round), by, share.key] + [figures.recipients, figures.messages, figures.units, figures.submitted, figures.delivered, figures.failed, figures.pending]
                    .map(String.init) + [String(figures.reachPercent)]
            )
        }.joined()
    }
}
