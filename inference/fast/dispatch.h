// Finding one target's function in a Highway dispatch table (HWY_EXPORT), so a variant can be
// chosen explicitly instead of through Highway's global "best target" state.
#pragma once

#include "fast/kernels.h"

#include <cstddef>
#include <cstdint>

namespace hearth::fast {

// Each table entry is a function `int64_t fill(Kernels*)` that returns its HWY_TARGET and,
// given a table, fills its part of it. Entry 0 is Highway's own dispatcher (unless the table
// has a single entry), so it is skipped. Returns false when `target` was not compiled.
template <class Fill, size_t N>
bool fill_from(Fill const (&table)[N], int64_t target, Kernels& kernels) {
    for (size_t i = N == 1 ? 0 : 1; i < N; ++i) {
        if (table[i] != nullptr && table[i](nullptr) == target) {
            table[i](&kernels);
            return true;
        }
    }
    return false;
}

// The fill functions of the kernel files (quant_acts.cpp, quant_matmul.cpp, float_matmul.cpp,
// ops.cpp).
bool fill_act_kernels(int64_t target, Kernels& k);
bool fill_quant_kernels(int64_t target, Kernels& k);
bool fill_float_kernels(int64_t target, Kernels& k);
bool fill_op_kernels(int64_t target, Kernels& k);
// The targets compiled into the kernel files, best first.
std::vector<int64_t> compiled_targets();

} // namespace hearth::fast
