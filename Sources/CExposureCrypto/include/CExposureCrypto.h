#ifndef COVIZONE_CEXPOSURECRYPTO_H
#define COVIZONE_CEXPOSURECRYPTO_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has AES instructions that cz_aes128_encrypt_blocks can use.
int cz_aes128_hardware_available(void);

/// Encrypts `count` 16-byte blocks in place with AES-128 under `key` (ECB: each block on its own),
/// expanding the key once. Only call when cz_aes128_hardware_available() returns 1.
void cz_aes128_encrypt_blocks(const uint8_t key[16], uint8_t *blocks, size_t count);

#endif
