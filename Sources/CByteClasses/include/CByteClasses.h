#ifndef SLUICE_CBYTECLASSES_H
#define SLUICE_CBYTECLASSES_H

#include <stddef.h>
#include <stdint.h>

/// Where four bytes occur in 64-byte blocks of text: for block i (bytes 64*i ..< 64*i+64 of
/// `data`), bit j of `masks[4*i + k]` is set when byte 64*i+j equals `bytes[k]`.
/// Classifies `blocks` whole blocks; `data` must hold 64 * `blocks` bytes. Uses SSE2 where
/// the target has it, a byte loop elsewhere.
void sluice_byte_classes(const uint8_t *data, size_t blocks, const uint8_t bytes[4], uint64_t *masks);

#endif
