import Crypto
import Foundation
import VenueCheckIn

/// The key the fuzzer's passes are checked against: the fields are all read before the signature.
let venueKeys = [UInt8(1): P256.Signing.PrivateKey().publicKey]

/// A scanned venue QR (a pass, or a check-in URL holding one). Reading it must refuse or verify,
/// never trap; a text with a canonical token holds that token again when it is given alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVenuePass(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? VenuePass.verify(text, keys: venueKeys, now: Date(timeIntervalSince1970: 1_800_000_000))
    if let token = VenuePass.canonicalToken(in: text), VenuePass.canonicalToken(in: token) != token {
        fatalError("a canonical token is not its own canonical token: \(token)")
    }
    return 0
}
