#include "CByteClasses.h"

#if defined(__SSE2__)
#include <emmintrin.h>

void sluice_byte_classes(const uint8_t *data, size_t blocks, const uint8_t bytes[4], uint64_t *masks) {
    const __m128i wanted[4] = {
        _mm_set1_epi8((char)bytes[0]), _mm_set1_epi8((char)bytes[1]),
        _mm_set1_epi8((char)bytes[2]), _mm_set1_epi8((char)bytes[3]),
    };
    for (size_t block = 0; block < blocks; block++) {
        const uint8_t *start = data + block * 64;
        const __m128i part0 = _mm_loadu_si128((const __m128i *)start);
        const __m128i part1 = _mm_loadu_si128((const __m128i *)(start + 16));
        const __m128i part2 = _mm_loadu_si128((const __m128i *)(start + 32));
        const __m128i part3 = _mm_loadu_si128((const __m128i *)(start + 48));
        for (int k = 0; k < 4; k++) {
            const uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(part0, wanted[k]));
            const uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(part1, wanted[k]));
            const uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(part2, wanted[k]));
            const uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(part3, wanted[k]));
            masks[block * 4 + k] = m0 | m1 << 16 | m2 << 32 | m3 << 48;
        }
    }
}

#else

void sluice_byte_classes(const uint8_t *data, size_t blocks, const uint8_t bytes[4], uint64_t *masks) {
    for (size_t block = 0; block < blocks; block++) {
        uint64_t found[4] = {0, 0, 0, 0};
        for (int j = 0; j < 64; j++) {
            const uint8_t byte = data[block * 64 + j];
            for (int k = 0; k < 4; k++) found[k] |= (uint64_t)(byte == bytes[k]) << j;
        }
        for (int k = 0; k < 4; k++) masks[block * 4 + k] = found[k];
    }
}

#endif
