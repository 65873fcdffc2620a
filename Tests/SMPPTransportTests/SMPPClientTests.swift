import CovizoneTestSupport
import Foundation
import Logging
import Messaging
import SMPPTransport
import Testing

/// The SwiftNIO client against a real SMPP peer: the smpp34 SMSC simulator in its own process.
@Suite(.enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)"))
struct SMPPClientTests {
    @Test func submitsPartsAndReceivesTheirReceipts() async throws {
        try await withClient { client, smsc in
            let long = SMSMessage(String(repeating: "Cài đặt Bluezone để bảo vệ mình và cộng đồng. ", count: 3))
            let parts = long.shortMessages(reference: 7).map { part in
                var message = SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: part)
                message.esmClass = 0x40
                message.dataCoding = long.dataCoding
                message.registeredDelivery = 1
                return message
            }
            var short = SMPPShortMessage(source: "COVIZONE", destination: "84387654321", shortMessage: GSM7Alphabet.encode("Hello {world}")!)
            short.registeredDelivery = 1
            var ids: [String] = []
            for message in parts + [short] {
                guard case .accepted(let id) = await client.submit(message) else {
                    Issue.record("not accepted")
                    return
                }
                ids.append(id)
            }
            #expect(Set(ids).count == parts.count + 1)
            let received = try await smsc.received()
            #expect(received.map(\.destination) == Array(repeating: "84912345678", count: parts.count) + ["84387654321"])
            #expect(received.map(\.shortMessageBytes) == (parts + [short]).map(\.shortMessage))
            #expect(received.prefix(parts.count).allSatisfy { $0.esmClass == 0x40 && $0.dataCoding == 8 && $0.systemID == "covizone" })
            var receipts: [String: DeliveryReceipt] = [:]
            for await delivery in client.inbound {
                if case .receipt(let receipt, _) = delivery.content { receipts[receipt.messageID] = receipt }
                delivery.acknowledge()
                if receipts.count == ids.count { break }
            }
            #expect(Set(receipts.keys) == Set(ids))
            #expect(receipts.values.allSatisfy { $0.state.isDelivered })
        }
    }

    @Test func refusalsCarryTheSMSCStatus() async throws {
        try await withClient { client, smsc in
            try await smsc.answer(status: 0x0B)
            let outcome = await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "8411", shortMessage: [0x41]))
            #expect(outcome == .refused(status: 0x0B))
            #expect(SMPPStatus.describe(0x0B) == "ESME_RINVDSTADR (0x0000000B)")
        }
    }

    @Test func throttlingSlowsTheBindAndSendsThePartAgain() async throws {
        try await withClient { client, smsc in
            try await smsc.answer(status: SMPPStatus.throttled, count: 2)
            try await smsc.answer(status: SMPPStatus.messageQueueFull, count: 1)
            let outcome = await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x41]))
            guard case .accepted = outcome else {
                Issue.record("expected the part accepted after the SMSC stopped throttling, got \(outcome)")
                return
            }
            let statuses = try await smsc.received().map(\.status)
            #expect(statuses == [SMPPStatus.throttled, SMPPStatus.throttled, SMPPStatus.messageQueueFull, 0])
            #expect(client.learntRates.count == 1 && client.learntRates[0] != nil, "the bind paces itself at a learnt rate")
        }
    }

    @Test func eachBindLearnsTheRateTheSMSCAccepts() async throws {
        try await withClient(binds: 2) { client, smsc in
            try await smsc.capRate(partsPerSecond: 100)
            let outcomes = await withTaskGroup(of: SMPPSubmitOutcome.self) { group in
                for index in 0..<600 {
                    group.addTask { await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "8491\(100_000 + index)", shortMessage: [0x41])) }
                }
                return await group.reduce(into: [SMPPSubmitOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { if case .accepted = $0 { true } else { false } }, "every part taken in the end")
            let received = try await smsc.received()
            let accepted = received.filter { $0.status == 0 }
            #expect(accepted.count == 600 && Set(accepted.map(\.destination)).count == 600, "each part once")
            // Learning costs a window of throttled parts per cut; a client that only sent throttled
            // parts again would have most of its thousands of submits throttled.
            #expect(received.count < 600 + 600 / 2, "throttled parts stay a minority: \(received.count - 600)")
            for rate in client.learntRates {
                let learnt = try #require(rate, "each bind was throttled and learnt a rate")
                #expect((40...200).contains(learnt), "near the SMSC's 100 a second: \(learnt)")
            }
        }
    }

    @Test func aSilentSMSCLeavesThePartUnanswered() async throws {
        try await withClient(responseTimeout: 0.5) { client, smsc in
            try await smsc.silence(true)
            let outcome = await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x41]))
            #expect(outcome == .unanswered)
            #expect(try await smsc.received().count == 1)
        }
    }

    @Test func anAnswerAfterTheTimeoutStillTellsWhatBecameOfThePart() async throws {
        try await withClient(responseTimeout: 0.5) { client, smsc in
            try await smsc.answer(status: 0x0B)
            try await smsc.delayAnswers(milliseconds: 1_500)
            let late = AsyncStream.makeStream(of: SMPPSubmitOutcome.self)
            var outcomes: [SMPPSubmitOutcome] = []
            for destination in ["84911111111", "84922222222"] {
                let first = await withCheckedContinuation { continuation in
                    client.submit(SMPPShortMessage(source: "COVIZONE", destination: destination, shortMessage: [0x41])) {
                        continuation.resume(returning: $0)
                    } lateAnswer: { late.continuation.yield($0) }
                }
                outcomes.append(first)
            }
            #expect(outcomes == [.unanswered, .unanswered], "each timed out first")
            var answers: [SMPPSubmitOutcome] = []
            for await answer in late.stream {
                answers.append(answer)
                if answers.count == 2 { break }
            }
            #expect(answers.first == .refused(status: 0x0B), "the refusal came late")
            guard case .accepted(let id) = answers.last else {
                Issue.record("the second was accepted late, not \(answers)")
                return
            }
            #expect(try await smsc.received().last?.messageID == id)
        }
    }

    @Test func aDroppedConnectionIsMadeAgainAndPartsGoOn() async throws {
        try await withClient { client, smsc in
            try await smsc.silence(true)
            async let lost = client.submit(SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x41]))
            try await waitUntil { try await smsc.received().count == 1 }
            try await smsc.silence(false)
            #expect(try await smsc.drop() == 1)
            #expect(await lost == .unanswered)
            let again = await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x42]))
            guard case .accepted = again else {
                Issue.record("expected the next part accepted after reconnecting, got \(again)")
                return
            }
            #expect(try await smsc.stats()["binds"] == 2)
        }
    }

    @Test func partsAreSharedAmongSeveralBinds() async throws {
        try await withClient(binds: 3, window: 1) { client, smsc in
            try await waitUntil { client.boundCount == 3 }
            await withTaskGroup { group in
                for index in 0..<30 {
                    group.addTask {
                        _ = await client.submit(SMPPShortMessage(source: "COVIZONE", destination: "849123456\(index + 10)", shortMessage: [0x41]))
                    }
                }
            }
            let received = try await smsc.received()
            #expect(received.count == 30)
            #expect(Set(received.map(\.session)).count == 3)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aReceiptNotAcknowledgedComesAgainAfterTheConnectionDropped() async throws {
        try await withClient { client, smsc in
            var message = SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x41])
            message.registeredDelivery = 1
            guard case .accepted(let id) = await client.submit(message) else {
                Issue.record("not accepted")
                return
            }
            var seen = 0
            for await delivery in client.inbound {
                guard case .receipt(let receipt, _) = delivery.content, receipt.messageID == id else { continue }
                seen += 1
                if seen == 1 {
                    #expect(try await smsc.drop() == 1, "the receipt is left unanswered and the line dropped")
                    continue
                }
                delivery.acknowledge()
                break
            }
            #expect(seen == 2)
            try await waitUntil(seconds: 30) { try await smsc.stats()["receipts"] == 1 }
        }
    }

    @Test func messagesFromPhonesArrive() async throws {
        try await withClient { client, smsc in
            let sentTo = try await smsc.sendMO(from: "84912345678", to: "8055", text: "Hủy")
            #expect(sentTo == 1)
            for await delivery in client.inbound {
                guard case .message(let message) = delivery.content else { continue }
                delivery.acknowledge()
                #expect(message.source == "84912345678")
                #expect(message.text == "Hủy")
                #expect(IncomingKeywords().route(message.text) == .optOut)
                break
            }
        }
    }

    /// A client bound to a fresh simulator for `body`; both stop afterwards.
    private func withClient(
        binds: Int = 1, window: Int = 10, responseTimeout: TimeInterval = 5,
        _ body: @Sendable (SMPPClient, SMSCSimulator) async throws -> Void
    ) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        let configuration = SMPPClientConfiguration(
            host: "127.0.0.1", port: smsc.smppPort, bind: SMPPBind(systemID: "covizone", password: "secret"), binds: binds, window: window,
            responseTimeout: responseTimeout, reconnectDelay: 0.1
        )
        var logger = Logger(label: "test.smpp")
        logger.logLevel = .warning
        let client = SMPPClient(configuration: configuration, logger: logger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        try await waitUntil("bound to the SMSC", seconds: 30) { client.boundCount == binds }  // nine simulators start at once in a loaded suite
        try await body(client, smsc)
        running.cancel()
        await running.value
    }
}
