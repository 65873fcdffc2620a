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

#else

// Other processors use swift-crypto's AES for now (see AESBlockCipher.swift).
int cz_aes128_hardware_available(void) { return 0; }

void cz_aes128_encrypt_blocks(const uint8_t key[16], uint8_t *blocks, size_t count) {
    (void)key; (void)blocks; (void)count;
}

#endif
