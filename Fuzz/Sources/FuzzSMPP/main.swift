import Messaging

/// A PDU as the SMSC's socket hands it over. Whatever decodes must encode to bytes that decode to
/// the same PDU, and a receipt's text or fields must read without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMPP(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    _ = SMPPPDU.frameLength(bytes)
    guard let pdu = try? SMPPPDU.decode(bytes) else { return 0 }
    guard let again = try? SMPPPDU.decode(pdu.encoded()), again == pdu else {
        fatalError("a decoded PDU does not survive its own encoding: \(pdu)")
    }
    if case .shortMessage(let message) = pdu.body {
        _ = DeliveryReceipt(text: message.text)
        _ = DeliveryReceipt(optionalParameters: message.optionalParameters)
    }
    return 0
}
