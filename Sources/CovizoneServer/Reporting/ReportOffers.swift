import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// What Covizone already knows of a unit's report, offered for the unit to confirm: a province's
/// SMS row from the campaign rounds sent in the period, and the app row from the unit's last
/// completed report.
struct ReportOffers: Sendable {
    let reports: ReportRepository
    let campaigns: CampaignStatisticsRepository

    /// Values from one source, to copy into the form.
    struct Offer: Sendable, Equatable, Encodable {
        /// `campaigns` or `previous-round`.
        var source: String
        var values: [String: Int]
    }

    func offers(for unit: OrgUnitRecord, in round: ReportingRoundRecord, form: ReportingForm) async throws -> [Offer] {
        var offers: [Offer] = []
        if unit.kind == .province, let province = unit.provinceCode, let sms = try await campaignReach(province: province, period: round.period) {
            offers.append(sms)
        }
        if let previous = try await reports.latestCompleted(orgUnitID: unit.id, before: round.id) {
            let app = previous.values.filter { $0.key.hasPrefix("app.") && form.element($0.key) != nil }
            if !app.isEmpty { offers.append(Offer(source: "previous-round", values: app)) }
        }
        return offers
    }

    /// The province's messages of the campaign rounds due in the period: sent ones as the
    /// quantity, delivered ones as reached, all of them as the target.
    private func campaignReach(province: String, period: ADXPeriod) async throws -> Offer? {
        let ids = try await campaigns.roundIDs(dueFrom: VietnamDay.start(ofNumber: period.start), to: VietnamDay.start(ofNumber: period.end + 1))
        var sent = 0
        var delivered = 0
        var all = 0
        for id in ids {
            for tally in try await campaigns.tallies(roundID: id) where tally.provinceCode == province {
                all += tally.messages
                if tally.status == .submitted || tally.status == .delivered || tally.status == .unconfirmed { sent += tally.messages }
                if tally.status == .delivered { delivered += tally.messages }
            }
        }
        guard all > 0 else { return nil }
        return Offer(source: "campaigns", values: ["sms-zalo.quantity": sent, "sms-zalo.reached": delivered, "sms-zalo.target": all])
    }
}
