import CampaignDispatch
import CovizoneCore
import Foundation
import Messaging

/// Tips texted to the campaigns' numbers (`TINGIA …`): stored like any tip with the sender's
/// phone, and answered at once — with the verdict when the claim is already published, else
/// with word that the verdict will follow by text.
struct DeskSMSTips: IncomingTextHandler {
    let tips: TipService
    let publicHost: String

    static let purpose = "misinformation-tip"
    static let help = "Covizone: soan TINGIA <noi dung tin nghi sai> de bao tin gia, vi du: TINGIA uong nuoc muoi diet duoc virus."

    func reply(to command: IncomingKeywords.Command, from phone: PhoneNumber, at now: Date) async throws -> IncomingTextReply? {
        guard case .tip(let text) = command else { return nil }
        let received: TipService.Received?
        do {
            received = try await tips.submitText(text, from: phone)
        } catch is ValidationFailure {
            return IncomingTextReply(text: Self.help, purpose: Self.purpose)
        }
        guard let received else { return nil }
        if received.claim.isPublished {
            return IncomingTextReply(text: VerdictMessages.text(for: received.claim, publicHost: publicHost), purpose: VerdictMessages.purpose)
        }
        return IncomingTextReply(
            text: "Covizone: da nhan tin bao so \(received.item.id). Chung toi se nhan tin ket qua xac minh cho ban.", purpose: Self.purpose
        )
    }
}
