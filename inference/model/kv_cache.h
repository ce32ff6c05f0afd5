// How many positions each layer's key/value cache keeps. A sliding layer (gemma3: 5 of every
// 6) attends only to its last `window` positions, so its cache is a ring of the window plus
// one forward pass: position p lives in slot p % capacity, and older positions are
// overwritten. One definition for the backends' allocations and the app's memory estimate.
#pragma once

#include "model/model_config.h"

#include <cstdint>
#include <vector>

namespace hearth {

// The most tokens any backend evaluates in one pass (the fast CPU backend's batch): what
// estimates of a context's memory assume.
inline constexpr uint32_t kLargestPass = 256;

// The positions a layer keeps for a context of n_ctx evaluated in passes of up to `batch`
// tokens: all n_ctx, or for a sliding layer (window > 0) its window plus one pass (a pass's
// first token still needs the window before it while its last token is written) when that
// is fewer. Rounded up to a multiple of `align` (the fast CPU backend's key blocks).
uint32_t kv_capacity(uint32_t n_ctx, uint32_t window, uint32_t batch, uint32_t align = 1);

// Bytes of the f16 keys and values of every layer of `c` for a context of n_ctx.
uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx, uint32_t batch);

// The capacity of each layer, and which positions the rings still hold: truncating a
// conversation back further than a ring reaches (after regenerating an early message, say)
// needs the prompt evaluated again from the start.
class KvLayout {
public:
    KvLayout(const ModelConfig& c, uint32_t n_ctx, uint32_t batch, uint32_t align = 1);

    uint32_t capacity(uint32_t layer) const { return capacity_[layer]; }
    uint32_t slot(uint32_t layer, uint32_t pos) const { return pos % capacity_[layer]; }
    // Positions [0, end) have been written (after each forward pass).
    void written(uint32_t end);
    // The position a session truncated to `n` can continue from: n while every ring still
    // holds the window before n, otherwise 0 (then call reset()).
    uint32_t resumable(uint32_t n) const;
    void reset() { high_ = 0; }

private:
    std::vector<uint32_t> capacity_, window_;
    uint32_t high_ = 0; // the end of the highest position ever written since reset()
};

} // namespace hearth
