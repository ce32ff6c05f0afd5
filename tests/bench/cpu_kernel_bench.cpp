// cpu_kernel_bench: the fast CPU backend's matrix kernels on one thread, per weight type and
// instruction-set variant, next to the reference matvec (cpu/ops.h) as the baseline of the
// same run. Random weights; speed does not depend on the values.
//
//   cpu_kernel_bench [--rows 2816] [--cols 1024] [--tokens 64] [--types Q4_0,Q8_0,...]
//                    [--variants all|best] [--seconds 0.3] [--reference 1|0]
//
// Prints one JSON object per line: type, variant, matvec GB/s of weights read (one token),
// gemm GMAC/s (`tokens` tokens), and the reference matvec's GB/s.
#include "cpu/ops.h"
#include "cpu/thread_pool.h"
#include "fast/kernels.h"
#include "quantize.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace hearth;
using Clock = std::chrono::steady_clock;

namespace {

// Calls fn repeatedly for about `seconds`; returns seconds per call.
template <class Fn> double time_per_call(double seconds, Fn&& fn) {
    fn(); // warm-up
    size_t calls = 0;
    const Clock::time_point start = Clock::now();
    double elapsed = 0.0;
    do {
        fn();
        ++calls;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    return elapsed / double(calls);
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');) {
        out.push_back(item);
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    size_t rows = 2816, cols = 1024, tokens = 64;
    double seconds = 0.3;
    std::string types = "F16,Q8_0,Q4_0,Q4_1,Q5_0,Q5_1,IQ4_NL,MXFP4,Q2_K,Q3_K,Q4_K,Q5_K,Q6_K,IQ4_XS";
    bool all_variants = false, reference = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--rows")
            rows = std::stoul(v);
        else if (a == "--cols")
            cols = std::stoul(v);
        else if (a == "--tokens")
            tokens = std::stoul(v);
        else if (a == "--types")
            types = v;
        else if (a == "--variants")
            all_variants = v == "all";
        else if (a == "--seconds")
            seconds = std::stod(v);
        else if (a == "--reference")
            reference = v != "0";
    }
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> values(rows * cols), x(tokens * cols), y(tokens * rows);
    for (float& v : values)
        v = normal(rng);
    for (float& v : x)
        v = normal(rng);
    ThreadPool one(1);
    for (const std::string& name : split(types)) {
        GgmlType type = GgmlType::F32;
        for (uint32_t id = 0; id < 40; ++id) {
            if (auto t = type_traits(id); t && t->name == name)
                type = t->type;
        }
        const std::vector<std::byte> bytes = test::quantize(type, values);
        if (bytes.empty()) {
            std::fprintf(stderr, "cpu_kernel_bench: cannot make %s\n", name.c_str());
            return 1;
        }
        const double weight_bytes = double(bytes.size());
        TensorView view{"w", type, rows, cols, bytes};
        const double ref = !reference ? 0.0 : time_per_call(seconds, [&] {
            cpu::matvec(view, std::span<const float>(x.data(), cols),
                        std::span<float>(y.data(), rows), one);
        });
        fast::Matrix m{reinterpret_cast<const uint8_t*>(bytes.data()), type, rows, cols,
                       row_bytes(type, cols)};
        std::vector<const fast::Kernels*> variants = fast::available_variants();
        if (!all_variants)
            variants.resize(1);
        for (const fast::Kernels* k : variants) {
            fast::QuantActs acts(tokens, cols, k->lanes);
            fast::FloatPanel panel(tokens, cols, k->lanes);
            fast::Aligned<uint8_t> scratch(fast::gemm_scratch_bytes(cols));
            const fast::Output out{y.data(), rows, false};
            const bool quant = k->quantized(type);
            const double mv = time_per_call(seconds, [&] {
                if (quant) {
                    acts.reshape(1, cols);
                    k->quantize_rows(x.data(), cols, 0, 1, acts);
                    k->quant_matvec[uint32_t(type)](m, acts, 0, rows, out);
                } else {
                    k->float_matvec[uint32_t(type)](m, x.data(), cols, 1, 0, rows, out);
                }
            });
            const double mm = time_per_call(seconds, [&] {
                if (quant) {
                    acts.reshape(tokens, cols);
                    k->quantize_panel(x.data(), cols, 0, acts.groups(), acts);
                    k->quant_gemm[uint32_t(type)](m, acts, 0, rows, out, scratch.get());
                } else {
                    panel.reshape(tokens, cols);
                    k->float_panel(x.data(), cols, 0, panel.groups(), panel);
                    k->float_gemm[uint32_t(type)](m, panel, 0, rows, out, scratch.get());
                }
            });
            std::printf("{\"type\": \"%s\", \"variant\": \"%s\", \"matvec_gbs\": %.2f, "
                        "\"gemm_gmacs\": %.2f, \"tokens\": %zu, \"reference_matvec_gbs\": %.3f}\n",
                        name.c_str(), k->name.c_str(), weight_bytes / mv / 1e9,
                        double(rows) * cols * tokens / mm / 1e9, tokens,
                        reference ? weight_bytes / ref / 1e9 : 0.0);
            std::fflush(stdout);
        }
    }
    return 0;
}
