// AES-128 encryption of many blocks under one key with the processor's AES instructions.
// Exposure matching derives 144 identifiers per diagnosis key; doing them in one call with one
// key schedule, eight blocks in flight, is what makes on-device matching fast.
#include "CExposureCrypto.h"

#if defined(__x86_64__) || defined(__i386__)
#include <wmmintrin.h>
#include <emmintrin.h>
#define CZ_HAS_X86_AES 1
#endif

#if defined(CZ_HAS_X86_AES)

__attribute__((target("aes,sse2")))
static inline __m128i cz_expand_step(__m128i key, __m128i assist) {
    assist = _mm_shuffle_epi32(assist, 0xff);
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    return _mm_xor_si128(key, assist);
}

#define CZ_EXPAND(index, rcon) \
    schedule[index] = cz_expand_step(schedule[(index) - 1], _mm_aeskeygenassist_si128(schedule[(index) - 1], rcon))

__attribute__((target("aes,sse2")))
static void cz_aes128_encrypt_blocks_x86(const uint8_t key[16], uint8_t *blocks, size_t count) {
    __m128i schedule[11];
    schedule[0] = _mm_loadu_si128((const __m128i *)key);
    CZ_EXPAND(1, 0x01); CZ_EXPAND(2, 0x02); CZ_EXPAND(3, 0x04); CZ_EXPAND(4, 0x08); CZ_EXPAND(5, 0x10);
    CZ_EXPAND(6, 0x20); CZ_EXPAND(7, 0x40); CZ_EXPAND(8, 0x80); CZ_EXPAND(9, 0x1b); CZ_EXPAND(10, 0x36);

    size_t index = 0;
    for (; index + 8 <= count; index += 8) {
        __m128i state[8];
        for (int lane = 0; lane < 8; lane++) {
            state[lane] = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(blocks + 16 * (index + lane))), schedule[0]);
        }
        for (int round = 1; round < 10; round++) {
            for (int lane = 0; lane < 8; lane++) state[lane] = _mm_aesenc_si128(state[lane], schedule[round]);
        }
        for (int lane = 0; lane < 8; lane++) {
            _mm_storeu_si128((__m128i *)(blocks + 16 * (index + lane)), _mm_aesenclast_si128(state[lane], schedule[10]));
        }
    }
    for (; index < count; index++) {
        __m128i state = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(blocks + 16 * index)), schedule[0]);
        for (int round = 1; round < 10; round++) state = _mm_aesenc_si128(state, schedule[round]);
        _mm_storeu_si128((__m128i *)(blocks + 16 * index), _mm_aesenclast_si128(state, schedule[10]));
    }
}

int cz_aes128_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("aes") ? 1 : 0;
}

void cz_aes128_encrypt_blocks(const uint8_t key[16], uint8_t *blocks, size_t count) {
    cz_aes128_encrypt_blocks_x86(key, blocks, count);
}

#elif defined(__aarch64__)

// ARMv8 Cryptography Extension: AESE (AddRoundKey, SubBytes, ShiftRows) and AESMC (MixColumns).
#include <arm_neon.h>
#include <string.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_AES
#define HWCAP_AES (1 << 3)
#endif
#endif

#if defined(__clang__)
#define CZ_ARM_AES __attribute__((target("aes")))
#else
#define CZ_ARM_AES __attribute__((target("+crypto")))
#endif

// SubWord with the AES instruction: with the word in all four columns, ShiftRows moves nothing
// and AESE with a zero round key is SubBytes alone.
CZ_ARM_AES static uint32_t cz_sub_word(uint32_t word) {
    uint8x16_t state = vaeseq_u8(vreinterpretq_u8_u32(vdupq_n_u32(word)), vdupq_n_u8(0));
    return vgetq_lane_u32(vreinterpretq_u32_u8(state), 0);
}

CZ_ARM_AES static void cz_aes128_encrypt_blocks_arm(const uint8_t key[16], uint8_t *blocks, size_t count) {
    static const uint32_t rcon[10] = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36};
    uint32_t words[44];  // little-endian: the first key byte is the low byte of words[0]
    memcpy(words, key, 16);
    for (int index = 4; index < 44; index++) {
        uint32_t temp = words[index - 1];
        if (index % 4 == 0) temp = cz_sub_word((temp >> 8) | (temp << 24)) ^ rcon[index / 4 - 1];
        words[index] = words[index - 4] ^ temp;
    }
    uint8x16_t schedule[11];
    for (int round = 0; round < 11; round++) schedule[round] = vld1q_u8((const uint8_t *)&words[4 * round]);

    size_t index = 0;
    for (; index + 8 <= count; index += 8) {
        uint8x16_t state[8];
        for (int lane = 0; lane < 8; lane++) state[lane] = vld1q_u8(blocks + 16 * (index + lane));
        for (int round = 0; round < 9; round++) {
            for (int lane = 0; lane < 8; lane++) state[lane] = vaesmcq_u8(vaeseq_u8(state[lane], schedule[round]));
        }
        for (int lane = 0; lane < 8; lane++) {
            vst1q_u8(blocks + 16 * (index + lane), veorq_u8(vaeseq_u8(state[lane], schedule[9]), schedule[10]));
        }
    }
    for (; index < count; index++) {
        uint8x16_t state = vld1q_u8(blocks + 16 * index);
        for (int round = 0; round < 9; round++) state = vaesmcq_u8(vaeseq_u8(state, schedule[round]));
        vst1q_u8(blocks + 16 * index, veorq_u8(vaeseq_u8(state, schedule[9]), schedule[10]));
    }
}

int cz_aes128_hardware_available(void) {
#if defined(__APPLE__)
    return 1;  // every Apple processor with arm64 has the AES instructions
#elif defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_AES) ? 1 : 0;
#else
    return 0;
#endif
}

void cz_aes128_encrypt_blocks(const uint8_t key[16], uint8_t *blocks, size_t count) {
    cz_aes128_encrypt_blocks_arm(key, blocks, count);
}

#else

// Other processors use swift-crypto's AES (see AESBlockCipher.swift).
int cz_aes128_hardware_available(void) { return 0; }

void cz_aes128_encrypt_blocks(const uint8_t key[16], uint8_t *blocks, size_t count) {
    (void)key; (void)blocks; (void)count;
}

#endif
