// This computer's memory read bandwidth: the ceiling of token generation, which reads every
// weight once per token (so tokens/s <= bandwidth / bytes per token). Used for the speed
// estimates next to the models (app) and as the roofline of tests/bench/cpu_vs_llamacpp.sh.
#pragma once

#include <cstddef>

namespace hearth::fast {

// Best of `passes` timed passes of `threads` threads summing their share of a buffer of
// `bytes` (larger than the caches), in GB/s (1e9 bytes/s); 0 if the buffer cannot be made.
double measure_read_bandwidth(unsigned threads, size_t bytes = size_t(512) << 20, int passes = 3);

} // namespace hearth::fast
