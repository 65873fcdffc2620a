import Foundation
import Messaging
import PropertyBased
import Testing

@Suite("SMPP 3.4 codec")
struct SMPPCodecTests {
    @Test("bind_transceiver is encoded byte for byte as the specification lays it out, and read back")
    func bind() throws {
        let pdu = SMPPPDU(command: .bindTransceiver, sequence: 1, body: .bind(SMPPBind(systemID: "covizone", password: "secret")))
        let bytes = pdu.encoded()
        let expected: [UInt8] =
            [0, 0, 0, 0x25, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 1] + Array("covizone".utf8) + [0] + Array("secret".utf8) + [0] + [0] + [0x34, 0, 0] + [0]
        #expect(bytes == expected)
        #expect(try SMPPPDU.decode(bytes) == pdu)
        #expect(SMPPPDU.frameLength(bytes) == 37 && SMPPPDU.frameLength(bytes.prefix(3)) == nil)
    }

    @Test("submit_sm with a user data header, registered delivery and UCS-2, and its response")
    func submit() throws {
        var message = SMPPShortMessage(source: "COVIZONE", destination: "84912345678", shortMessage: [0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x00, 0x41])
        message.sourceTON = 5
        message.sourceNPI = 0
        message.esmClass = 0x40
        message.registeredDelivery = 1
        message.dataCoding = 8
        message.optionalParameters = [SMPPOptionalParameter(tag: 0x0204, value: [0x00, 0x01])]
        let pdu = SMPPPDU(command: .submitSM, sequence: 42, body: .shortMessage(message))
        #expect(try SMPPPDU.decode(pdu.encoded()) == pdu)
        let response = SMPPPDU(command: .submitSMResponse, sequence: 42, body: .messageID("a1b2c3"))
        #expect(try SMPPPDU.decode(response.encoded()) == response)
        let refused = SMPPPDU(command: .submitSMResponse, status: SMPPStatus.throttled, sequence: 43)
        #expect(try SMPPPDU.decode(refused.encoded()) == refused, "a failed response has no body")
        #expect(SMPPStatus.asksToWait(SMPPStatus.throttled) && SMPPStatus.asksToWait(SMPPStatus.messageQueueFull) && !SMPPStatus.asksToWait(SMPPStatus.systemError))
    }

    @Test("strings with bytes outside ASCII are read one character a byte and written back the same")
    func nonASCIIStrings() throws {
        let bytes = SMPPPDU(command: .submitSMResponse, sequence: 3, body: .messageID("ok")).encoded()
        var odd = Array(bytes.dropLast(3)) + [0x80, 0xFF, 0x41, 0]
        odd[3] = UInt8(odd.count)
        let pdu = try SMPPPDU.decode(odd)
        #expect(pdu.body == .messageID("\u{80}\u{FF}A"))
        #expect(pdu.encoded() == odd, "byte for byte")
    }

    @Test("keepalive, unbind and generic_nack have a header only")
    func headerOnly() throws {
        for command in [SMPPCommand.enquireLink, .enquireLinkResponse, .unbind, .unbindResponse, .genericNack] {
            let pdu = SMPPPDU(command: command, sequence: 7)
            #expect(pdu.encoded().count == 16)
            #expect(try SMPPPDU.decode(pdu.encoded()) == pdu)
        }
        #expect(SMPPCommand.submitSM.response == .submitSMResponse && SMPPCommand.submitSMResponse.response == nil)
    }

    @Test("broken PDUs are refused with a reason, never a crash")
    func broken() {
        let good = SMPPPDU(command: .submitSMResponse, sequence: 1, body: .messageID("id")).encoded()
        #expect(throws: SMPPError.invalidLength(15)) { try SMPPPDU.decode(Array(good.prefix(15))) }
        #expect(throws: SMPPError.invalidLength(good.count - 1)) { try SMPPPDU.decode(Array(good.dropLast())) }
        var unknown = good
        unknown[7] = 0x77
        #expect(throws: SMPPError.unknownCommand(0x8000_0077)) { try SMPPPDU.decode(unknown) }
        var unterminated = good
        unterminated[unterminated.count - 1] = 0x41
        #expect(throws: SMPPError.unterminatedString) { try SMPPPDU.decode(unterminated) }
        let bindResponse = SMPPPDU(command: .bindTransceiverResponse, sequence: 1, body: .bindResponse(systemID: String(repeating: "x", count: 20))).encoded()
        #expect(throws: SMPPError.stringTooLong(21)) { try SMPPPDU.decode(bindResponse) }
    }

    @Test("any bytes are read as a PDU or refused, never a crash; what is read writes back to the same PDU (property-based)")
    func arbitraryBytes() async {
        let known = SMPPCommand.allCases.map(\.rawValue)
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 12...80), Gen.int(in: 0...(known.count - 1))) { body, command in
            var bytes = [0, 0, 0, UInt8(body.count + 4)] + body
            // Half of the inputs carry a known command id, so that bodies get read too.
            if command % 2 == 0 { withUnsafeBytes(of: known[command].bigEndian) { bytes.replaceSubrange(4..<8, with: $0) } }
            if let pdu = try? SMPPPDU.decode(bytes) {
                #expect((try? SMPPPDU.decode(pdu.encoded())) == pdu)
            }
        }
    }

    @Test("delivery receipts are read leniently: case, order, missing fields, long ids")
    func receipts() {
        let standard = DeliveryReceipt(text: "id:0123456789 sub:001 dlvrd:001 submit date:2611261000 done date:2611261001 stat:DELIVRD err:000 text:Bo Y te khuyen")
        #expect(standard == DeliveryReceipt(messageID: "0123456789", state: .delivered, error: "000", submitDate: "2611261000", doneDate: "2611261001"))
        #expect(standard?.state.isDelivered == true)
        let lower = DeliveryReceipt(text: "stat:undeliv id:9f3c4a0e-77b1-4bd9-a1f0-3c2d1e0f9a8b err:034")
        #expect(lower?.messageID == "9f3c4a0e-77b1-4bd9-a1f0-3c2d1e0f9a8b" && lower?.state == .undeliverable && lower?.state.isFinalFailure == true)
        #expect(DeliveryReceipt(text: "id:1 stat:ACCEPTD")?.state.isFinalFailure == false)
        #expect(DeliveryReceipt(text: "Xin chao, toi muon huy") == nil, "a message from a phone")
        #expect(DeliveryReceipt(text: "id: stat:DELIVRD") == nil)
        let mixed = DeliveryReceipt(text: "ID:ab12  Submit Date:2611261000 DONE DATE:2611261005 Stat:Expired text:Bộ Y tế: id:other stat:DELIVRD")
        #expect(mixed == DeliveryReceipt(messageID: "ab12", state: .expired, submitDate: "2611261000", doneDate: "2611261005"), "the first of each field counts")
        #expect(DeliveryReceipt(text: "valid:1 stat:DELIVRD") == nil, "a key inside a word is not one")
        var receipt = SMPPShortMessage(source: "84912345678", destination: "COVIZONE", shortMessage: Array("id:1 stat:DELIVRD".utf8))
        receipt.esmClass = 0x04
        #expect(receipt.isDeliveryReceipt)
    }
}

@Suite("Delivery states")
struct DeliveryStateTests {
    @Test("receipt words and message_state numbers name the same states; a word outside the standard is kept as it came")
    func states() {
        #expect(DeliveryState(rawValue: "delivrd") == .delivered && DeliveryState(messageState: 2) == .delivered)
        #expect((1...8).compactMap(DeliveryState.init(messageState:)).map(\.rawValue) == ["ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"])
        #expect(DeliveryState(messageState: 9) == nil)
        #expect(DeliveryState(rawValue: "Queued") == .other("Queued") && DeliveryState(rawValue: "Queued").rawValue == "Queued")
        #expect(DeliveryState.unknown.settlesAsFailure && !DeliveryState.unknown.isFinalFailure && !DeliveryState.accepted.settlesAsFailure)
    }
}
