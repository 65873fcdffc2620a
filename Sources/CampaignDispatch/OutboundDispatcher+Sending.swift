import CovizoneStore
import Foundation
import Messaging
import SMPPTransport

/// Sending: messages claimed for HTTP providers, parts submitted over SMPP.
extension OutboundDispatcher {
    /// Claims and sends messages of HTTP campaigns through the first HTTP provider, as many at once
    /// as it allows; returns how many it claimed.
    func claimHTTP(_ rounds: [SendingRound], at now: Date) async throws -> Int {
        guard let provider = settings.httpProviders.first else { return 0 }
        let templates = Dictionary(rounds.compactMap { round in round.httpTemplate.map { (round.roundID, $0) } }) { first, _ in first }
        guard !templates.isEmpty else { return 0 }
        let room = (provider.concurrency ?? 20) - state.withLockedValue { $0.inFlight[provider.smscName, default: 0] }
        let messages = try await queue.claim(
            channel: .http, operators: nil, rounds: Array(templates.keys), limit: room, owner: owner, leaseEnds: now + settings.claimLease.timeInterval, at: now
        )
        let sender = HTTPNotificationSender(provider: provider, client: .shared)
        for message in messages {
            state.withLockedValue { $0.inFlight[provider.smscName, default: 0] += 1 }
            let province = message.provinceCode.flatMap { divisions.province(code: $0)?.name } ?? ""
            let template = message.roundID.flatMap { templates[$0] } ?? ""
            Task {
                let result = await sender.send(message, templateID: template, params: ["province": province])
                state.withLockedValue { state in
                    state.inFlight[provider.smscName, default: 1] -= 1
                    state.results.append((message, provider.smscName, result))
                }
                outcomesBell.continuation.yield()
            }
        }
        return messages.count
    }


    /// Submits every part of `message`; its outcome joins the next flush once all parts are answered.
    func submit(_ message: OutboundMessage, via route: SMSGateway.Route) {
        let sms = texts.message(for: message.body)
        let parts = sms.shortMessages(reference: UInt16(truncatingIfNeeded: message.id))
        state.withLockedValue { $0.inFlight[route.name, default: 0] += 1 }
        let tally = PartTally(count: parts.count)
        let isShortCode = message.sender.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        for part in parts {
            var short = SMPPShortMessage(source: message.sender, destination: String(message.phone.dropFirst()), shortMessage: part)
            short.sourceTON = isShortCode ? 0 : 5  // a short code, or an alphanumeric sender
            short.sourceNPI = isShortCode ? 1 : 0
            short.esmClass = parts.count > 1 ? 0x40 : 0
            short.dataCoding = sms.dataCoding
            short.registeredDelivery = 1
            route.client.submit(short) { [self] outcome in
                guard let result = tally.add(outcome) else { return }
                state.withLockedValue { state in
                    state.inFlight[route.name, default: 1] -= 1
                    state.results.append((message, route.name, result))
                }
                outcomesBell.continuation.yield()
            } lateAnswer: { [self] outcome in
                let answer: LateAnswer = switch outcome {
                case .accepted(let id): .accepted(smscID: id)
                case .refused(let status): .refused(reason: "SMSC refused after the timeout: " + SMPPStatus.describe(status))
                case .unanswered: .refused(reason: "no answer from the SMSC")
                }
                state.withLockedValue { $0.lateAnswers.append((message.id, route.name, answer)) }
                outcomesBell.continuation.yield()
            }
        }
    }
}
