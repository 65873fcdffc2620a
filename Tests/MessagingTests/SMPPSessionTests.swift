import Foundation
import Messaging
import Testing

@Suite("SMPP session state machine")
struct SMPPSessionTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let configuration = SMPPSession.Configuration(bind: SMPPBind(systemID: "covizone", password: "secret"), window: 2, responseTimeout: 10, enquireLinkInterval: 30)

    func sent(_ actions: [SMPPSession.Action]?) -> [SMPPPDU] {
        (actions ?? []).compactMap { if case .send(let pdu) = $0 { pdu } else { nil } }
    }

    /// A session bound at `start`.
    func bound() -> SMPPSession {
        var session = SMPPSession(configuration: configuration)
        let bind = sent(session.connected(at: start))[0]
        _ = session.received(SMPPPDU(command: .bindTransceiverResponse, sequence: bind.sequence, body: .bindResponse(systemID: "SMSC")), at: start)
        return session
    }

    func message(_ text: String) -> SMPPShortMessage {
        SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: Array(text.utf8))
    }

    @Test("it binds as a transceiver; a refused bind closes the connection")
    func binding() {
        var session = SMPPSession(configuration: configuration)
        let bind = sent(session.connected(at: start))
        #expect(bind.map(\.command) == [.bindTransceiver] && session.state == .binding)
        #expect(session.submit(message("early"), tag: 1, at: start) == nil, "nothing is sent before the bind")
        let result = session.received(SMPPPDU(command: .bindTransceiverResponse, sequence: bind[0].sequence, body: .bindResponse(systemID: "SMSC")), at: start)
        #expect(result.events == [.bound(systemID: "SMSC")] && session.state == .bound)

        var refused = SMPPSession(configuration: configuration)
        let second = sent(refused.connected(at: start))[0]
        let outcome = refused.received(SMPPPDU(command: .bindTransceiverResponse, status: SMPPStatus.bindFailed, sequence: second.sequence), at: start)
        #expect(outcome.actions == [.close] && outcome.events == [.bindRefused(status: SMPPStatus.bindFailed)] && refused.state == .closed)
    }

    @Test("the window limits parts awaiting a response; responses are matched by sequence number")
    func window() {
        var session = bound()
        let first = sent(session.submit(message("one"), tag: 1, at: start))[0]
        let second = sent(session.submit(message("two"), tag: 2, at: start))[0]
        #expect(first.sequence != second.sequence)
        #expect(session.submit(message("three"), tag: 3, at: start) == nil && session.outstandingCount == 2, "the window of 2 is full")
        let answer = session.received(SMPPPDU(command: .submitSMResponse, sequence: second.sequence, body: .messageID("m2")), at: start)
        #expect(answer.events == [.accepted(tag: 2, messageID: "m2")])
        #expect(session.canSubmit(at: start))
        let refused = session.received(SMPPPDU(command: .submitSMResponse, status: 0x0B, sequence: first.sequence), at: start)
        #expect(refused.events == [.refused(tag: 1, status: 0x0B)])
        #expect(session.received(SMPPPDU(command: .submitSMResponse, sequence: 999, body: .messageID("x")), at: start).events.isEmpty, "unknown responses are ignored")
    }

    @Test("a response that comes after its part timed out still tells what became of it, once, while the connection lasts")
    func lateAnswers() {
        var session = bound()
        let taken = sent(session.submit(message("one"), tag: 1, at: start))[0]
        let refused = sent(session.submit(message("two"), tag: 2, at: start))[0]
        #expect(session.tick(at: start + 10).events.sorted { "\($0)" < "\($1)" } == [.timedOut(tag: 1), .timedOut(tag: 2)])
        let late = session.received(SMPPPDU(command: .submitSMResponse, sequence: taken.sequence, body: .messageID("m1")), at: start + 12)
        #expect(late.events == [.answeredLate(tag: 1, status: SMPPStatus.ok, messageID: "m1")])
        #expect(session.received(SMPPPDU(command: .submitSMResponse, sequence: taken.sequence, body: .messageID("m1")), at: start + 13).events.isEmpty, "once")
        let nack = session.received(SMPPPDU(command: .genericNack, status: 0x0B, sequence: refused.sequence), at: start + 14)
        #expect(nack.events == [.answeredLate(tag: 2, status: 0x0B, messageID: nil)] && nack.actions.isEmpty, "a late generic_nack is no request to answer")

        let third = sent(session.submit(message("three"), tag: 3, at: start + 20))[0]
        _ = session.tick(at: start + 30)
        _ = session.connectionLost()
        #expect(session.received(SMPPPDU(command: .submitSMResponse, sequence: third.sequence, body: .messageID("m3")), at: start + 31).events.isEmpty, "a new connection's sequence numbers are its own")
        var patient = bound()
        let old = sent(patient.submit(message("four"), tag: 4, at: start))[0]
        _ = patient.tick(at: start + 10)
        _ = patient.tick(at: start + 10 + SMPPSession.lateAnswerWindow)
        #expect(patient.received(SMPPPDU(command: .submitSMResponse, sequence: old.sequence, body: .messageID("m4")), at: start + 700).events.isEmpty, "too late")
    }

    @Test("a throttle slows the bind to the rate it learns, an accepted part raises it, and a new connection starts from it")
    func throttling() throws {
        var session = bound()
        let first = sent(session.submit(message("one"), tag: 1, at: start))[0]
        let second = sent(session.submit(message("two"), tag: 2, at: start + 0.01))[0]
        #expect(session.learntRate == nil && session.nextTurn(after: start + 0.01) == start + 0.01, "unpaced until the SMSC throttles")
        #expect(session.received(SMPPPDU(command: .submitSMResponse, status: SMPPStatus.throttled, sequence: first.sequence), at: start + 0.02).events
            == [.throttled(tag: 1, status: SMPPStatus.throttled)])
        let learnt = try #require(session.learntRate)
        #expect(abs(learnt - 75) < 1e-3, "parts went out a hundred a second; three quarters of it")
        _ = session.received(SMPPPDU(command: .submitSMResponse, status: SMPPStatus.messageQueueFull, sequence: second.sequence), at: start + 0.02)
        #expect(session.learntRate == learnt, "the second part was sent before the cut")
        let third = sent(session.submit(message("one"), tag: 1, at: start + 0.02))[0]
        #expect(!session.canSubmit(at: start + 0.02) && abs(session.nextTurn(after: start + 0.02).timeIntervalSince(start + 0.02) - 1 / learnt) < 1e-6)
        _ = session.received(SMPPPDU(command: .submitSMResponse, sequence: third.sequence, body: .messageID("ok")), at: start + 0.03)
        #expect(abs(try #require(session.learntRate) - learnt * 1.005) < 1e-9)
        let again = SMPPSession(configuration: configuration, learntRate: 75, now: start)
        #expect(again.learntRate == 75)
    }

    @Test("receipts and phone messages are reported and answered once recorded; the SMSC's enquire_link and unbind are answered")
    func smscRequests() throws {
        var session = bound()
        var receipt = message("id:m2 sub:001 dlvrd:001 submit date:2611261000 done date:2611261001 stat:DELIVRD err:000 text:")
        receipt.esmClass = 0x04
        receipt.source = "84912345678"
        let delivered = session.received(SMPPPDU(command: .deliverSM, sequence: 77, body: .shortMessage(receipt)), at: start)
        #expect(delivered.actions.isEmpty, "answered by the caller once recorded")
        // deliver_sm_resp: length 17, command 0x80000005, status 0, the request's sequence, an empty message id.
        #expect(SMPPSession.acknowledgement(of: 77).encoded() == [0, 0, 0, 17, 0x80, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 77, 0])
        let expected = try #require(DeliveryReceipt(text: "id:m2 stat:DELIVRD err:000 submit date:2611261000 done date:2611261001"))
        #expect(delivered.events == [.receipt(expected, from: "84912345678", sequence: 77)])
        let stop = message("TU CHOI")
        #expect(session.received(SMPPPDU(command: .deliverSM, sequence: 78, body: .shortMessage(stop)), at: start).events == [.message(stop, sequence: 78)])
        #expect(sent(session.received(SMPPPDU(command: .enquireLink, sequence: 79), at: start).actions) == [SMPPPDU(command: .enquireLinkResponse, sequence: 79)])
        let tag = sent(session.submit(message("pending"), tag: 9, at: start))[0]
        #expect(tag.command == .submitSM)
        let unbound = session.received(SMPPPDU(command: .unbind, sequence: 80), at: start)
        #expect(unbound.actions == [.send(SMPPPDU(command: .unbindResponse, sequence: 80)), .close])
        #expect(unbound.events == [.timedOut(tag: 9), .unbound] && session.state == .closed, "the pending part's fate is unknown")
    }

    @Test("parts time out; a quiet line gets enquire_link, and an unanswered one closes the connection")
    func timers() {
        var session = bound()
        _ = session.submit(message("slow"), tag: 5, at: start)
        #expect(session.tick(at: start + 9).events.isEmpty)
        #expect(session.tick(at: start + 10).events == [.timedOut(tag: 5)] && session.outstandingCount == 0)
        let keepalive = sent(session.tick(at: start + 40).actions)
        #expect(keepalive.map(\.command) == [.enquireLink])
        #expect(session.tick(at: start + 45).actions.isEmpty, "one enquire_link at a time")
        _ = session.received(SMPPPDU(command: .enquireLinkResponse, sequence: keepalive[0].sequence), at: start + 41)
        let next = sent(session.tick(at: start + 71).actions)
        #expect(next.map(\.command) == [.enquireLink])
        #expect(session.tick(at: start + 81).actions == [.close] && session.state == .closed, "the SMSC did not answer")
    }

    @Test("a dropped connection reports every outstanding part; unbind ends politely")
    func endings() {
        var session = bound()
        _ = session.submit(message("a"), tag: 1, at: start)
        _ = session.submit(message("b"), tag: 2, at: start)
        #expect(session.connectionLost() == [.timedOut(tag: 1), .timedOut(tag: 2)] && session.state == .closed)
        var polite = bound()
        let unbind = sent(polite.unbind(at: start))[0]
        #expect(unbind.command == .unbind && polite.state == .unbinding && !polite.canSubmit(at: start))
        let done = polite.received(SMPPPDU(command: .unbindResponse, sequence: unbind.sequence), at: start)
        #expect(done.actions == [.close] && done.events == [.unbound])
    }
}
