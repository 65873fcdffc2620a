import CExposureCrypto
import Crypto
import Foundation
import _CryptoExtras

/// AES-128 over many blocks under one key: the processor's AES instructions through our small C
/// target when it has them (one key schedule, eight blocks in flight), swift-crypto otherwise.
enum AESBlockCipher {
    static let hardwareAvailable = cz_aes128_hardware_available() == 1

    /// Encrypts each 16-byte block of `blocks` in place.
    static func encrypt(_ blocks: inout [UInt8], key: SymmetricKey) {
        precondition(blocks.count % 16 == 0, "whole blocks only")
        if hardwareAvailable {
            key.withUnsafeBytes { keyBytes in
                blocks.withUnsafeMutableBufferPointer { buffer in
                    cz_aes128_encrypt_blocks(keyBytes.bindMemory(to: UInt8.self).baseAddress!, buffer.baseAddress!, buffer.count / 16)
                }
            }
            return
        }
        encryptPortably(&blocks, key: key)
    }

    /// The same with swift-crypto, one block at a time (also used to check the fast path).
    static func encryptPortably(_ blocks: inout [UInt8], key: SymmetricKey) {
        for start in stride(from: 0, to: blocks.count, by: 16) {
            // A 16-byte key and block are exactly what AES-128 takes; this cannot fail.
            try! AES.permute(&blocks[start..<start + 16], key: key)
        }
    }
}
