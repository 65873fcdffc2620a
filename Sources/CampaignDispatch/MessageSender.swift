import CovizoneCore
import CovizoneStore
import Foundation
import Messaging
import NIOConcurrencyHelpers
import SMPPTransport

/// Sends claimed messages: parts over SMPP on a route's binds, or requests to an HTTP provider.
/// It counts the messages out on each route (``room(on:capacity:)``), and hands each answer to
/// the ``OutcomeRecorder``.
final class MessageSender: Sendable {
    private let outcomes: OutcomeRecorder
    private let divisions: AdministrativeDivisions
    private let texts = SMSMessageCache()
    private let inFlight = NIOLockedValueBox([String: Int]())

    init(outcomes: OutcomeRecorder, divisions: AdministrativeDivisions) {
        self.outcomes = outcomes
        self.divisions = divisions
    }

    /// Messages sent and not yet answered, on every route.
    var count: Int { inFlight.withLockedValue { $0.values.reduce(0, +) } }

    /// How many more messages the route `name` takes now.
    func room(on name: String, capacity: Int) -> Int {
        capacity - inFlight.withLockedValue { $0[name, default: 0] }
    }

    /// Submits every part of `message`; its outcome is recorded once all parts are answered.
    func submit(_ message: OutboundMessage, via route: SMSGateway.Route) {
        let sms = texts.message(for: message.body)
        let parts = sms.shortMessages(reference: UInt16(truncatingIfNeeded: message.id))
        began(on: route.name)
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
                answered(result, of: message, on: route.name)
            } lateAnswer: { [outcomes] outcome in
                let answer: LateAnswer = switch outcome {
                case .accepted(let id): .accepted(smscID: id)
                case .refused(let status): .refused(reason: "SMSC refused after the timeout: " + SMPPStatus.describe(status))
                case .unanswered: .refused(reason: "no answer from the SMSC")
                }
                outcomes.addLate(answer, ofMessage: message.id, via: route.name)
            }
        }
    }

    /// Sends `messages` of HTTP campaigns through `provider`, each with its round's template.
    func send(_ messages: [OutboundMessage], to provider: HTTPProvider, templates: [Int64: String]) {
        let sender = HTTPNotificationSender(provider: provider, client: .shared)
        for message in messages {
            began(on: provider.smscName)
            let province = message.provinceCode.flatMap { divisions.province(code: $0)?.name } ?? ""
            let template = message.roundID.flatMap { templates[$0] } ?? ""
            Task {
                let result = await sender.send(message, templateID: template, params: ["province": province])
                answered(result, of: message, on: provider.smscName)
            }
        }
    }

    private func began(on route: String) {
        inFlight.withLockedValue { $0[route, default: 0] += 1 }
    }

    private func answered(_ result: SubmissionResult, of message: OutboundMessage, on route: String) {
        inFlight.withLockedValue { $0[route, default: 1] -= 1 }
        outcomes.add(result, of: message, via: route)
    }
}
