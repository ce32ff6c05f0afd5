// hearth-bench: llama-bench style speed figures for one model on one backend.
//
//   hearth-bench --model FILE [--backend vulkan|cpu] [-p 512] [-n 128] [-r 3] [--json]
//                [--device SELECTOR] [-t THREADS] [--peak-gbs GBS] [--profile]
//                [--gpu-layers N]
//
// pp: prompt processing, p random tokens from an empty context through Session::eval_batch.
// tg: generation, n tokens from an empty context, one at a time through eval_greedy (on
//     Vulkan the argmax runs on the device). Both as tokens/s, mean +- sample standard
//     deviation over r repetitions, after one unmeasured warm-up run of each.
// ttft: time to first token, the prompt plus the first generated token.
// GB/s: bytes a generated token reads (every weight matrix, one embedding row, and the KV
//     cache up to the mean position) times tokens/s, next to --peak-gbs when given: decode
//     is memory-bound, so this says how close to the hardware a backend runs.
// host ms: the calling thread's CPU time per generated token and per prompt piece (up to
//     prompt_batch() tokens): recording, submitting and reading back, not waiting.
// --profile (Vulkan): device time per kernel over the measured runs.
// --gpu-layers N (Vulkan): the first N layers on the device, the rest on the CPU (partial
//     offload, split_session.h); the JSON's "backend" then ends in ", N of L layers".
// HEARTH_VK_PREFILL=matvec (environment, Vulkan): prompt batches through the batched matvec
//     instead of the tiled matmul, to compare the two in one build.
#include "checked_session.h"
#include "model/model.h"
#include "session.h"
#include "vulkan/vk_session.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace hearth;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string model;
    std::string backend = "vulkan";
    std::string device;
    uint32_t p = 512, n = 128, r = 3;
    unsigned threads = 0;
    int gpu_layers = -1; // -1: as many as the device's memory holds
    double peak_gbs = 0.0;
    bool json = false;
    bool profile = false;
};

const char* kUsage =
    "usage: hearth-bench --model FILE [--backend vulkan|cpu] [-p 512] [-n 128] [-r 3] [--json]\n"
    "                    [--device SELECTOR] [-t THREADS] [--peak-gbs GBS] [--profile]\n"
    "                    [--gpu-layers N]\n"
    "environment: HEARTH_VK_PREFILL=matvec|matmul  kernel of prompt batches (default matmul)\n";

template <class T> bool number(const std::string& text, T& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

// Returns an error message, or "" when the options are complete.
std::string parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--json" || a == "--profile") {
            (a == "--json" ? o.json : o.profile) = true;
            continue;
        }
        if (i + 1 >= argc) {
            return a + " needs a value";
        }
        const std::string v = argv[++i];
        bool ok = true;
        if (a == "-m" || a == "--model") {
            o.model = v;
        } else if (a == "--backend") {
            o.backend = v;
            ok = v == "vulkan" || v == "cpu" || v == "cpu-reference";
        } else if (a == "--device") {
            o.device = v;
        } else if (a == "-p") {
            ok = number(v, o.p);
        } else if (a == "-n") {
            ok = number(v, o.n);
        } else if (a == "-r") {
            ok = number(v, o.r) && o.r > 0;
        } else if (a == "-t") {
            ok = number(v, o.threads);
        } else if (a == "--gpu-layers") {
            ok = number(v, o.gpu_layers) && o.gpu_layers >= 0;
        } else if (a == "--peak-gbs") {
            ok = number(v, o.peak_gbs);
        } else {
            return "unknown option " + a;
        }
        if (!ok) {
            return "invalid value for " + a + ": " + v;
        }
    }
    return o.model.empty() ? "--model is required" : "";
}

struct Stats {
    double mean = 0.0, sd = 0.0;
};

Stats stats(const std::vector<double>& xs) {
    Stats s;
    for (double x : xs) {
        s.mean += x / double(xs.size());
    }
    for (double x : xs) {
        s.sd += (x - s.mean) * (x - s.mean);
    }
    s.sd = xs.size() > 1 ? std::sqrt(s.sd / double(xs.size() - 1)) : 0.0;
    return s;
}

// CPU time of the calling thread (POSIX): the host's share of a token, without the waits.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Bytes one generated token reads from memory: every matrix in full except the embedding (one
// row) and a mixture of experts (the chosen share of each stack), the norms, and the KV cache
// of `positions` earlier tokens.
double bytes_per_token(const Model& m, double positions, double kv_element_bytes) {
    const Weights& w = m.weights;
    double bytes = double(w.token_embd.data.size()) / w.token_embd.rows + w.output.data.size() +
                   w.output_norm.data.size();
    for (const LayerWeights& l : w.layers) {
        for (const TensorView* t :
             {&l.attn_norm, &l.wq, &l.wk, &l.wv, &l.bq, &l.bk, &l.bv, &l.q_norm, &l.k_norm, &l.wo,
              &l.ffn_norm, &l.w_gate, &l.w_up, &l.w_down, &l.router}) {
            bytes += double(t->data.size());
        }
        const ModelConfig& c = m.config;
        for (const TensorView* t : {&l.gate_exps, &l.up_exps, &l.down_exps}) {
            bytes += c.moe.n_expert > 0
                         ? double(t->data.size()) * c.moe.n_expert_used / c.moe.n_expert
                         : 0.0;
        }
    }
    return bytes + 2.0 * m.config.n_layer * m.config.kv_dim() * kv_element_bytes * positions;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (const std::string error = parse(argc, argv, o); !error.empty()) {
        std::fprintf(stderr, "hearth-bench: %s\n%s", error.c_str(), kUsage);
        return 2;
    }
    const Clock::time_point load_start = Clock::now();
    Result<std::unique_ptr<Model>> model = Model::load(o.model);
    if (!model) {
        std::fprintf(stderr, "hearth-bench: %s\n", model.error().message.c_str());
        return 1;
    }
    SessionOptions so;
    so.backend = o.backend;
    so.n_ctx = o.p + o.n + 1;
    so.threads = o.threads;
    so.vulkan_device = o.device;
    so.gpu_layers = o.gpu_layers;
    Result<std::unique_ptr<Session>> session = create_session(**model, so);
    if (!session) {
        std::fprintf(stderr, "hearth-bench: %s\n", session.error().message.c_str());
        return 1;
    }
    const double load_s = seconds_since(load_start);
    Session& s = **session;
    const uint32_t n_vocab = (*model)->config.n_vocab;
    std::mt19937 rng(42);
    std::vector<Token> prompt(o.p);
    for (Token& t : prompt) {
        t = Token(rng() % n_vocab);
    }

    auto* checked = dynamic_cast<CheckedSession*>(&s);
    auto* vulkan = dynamic_cast<vk::VulkanSession*>(checked ? &checked->backend() : &s);
    if (o.profile && vulkan == nullptr) {
        std::fprintf(stderr, "hearth-bench: --profile needs the Vulkan backend\n");
        return 2;
    }

    std::vector<double> pp, tg, ttft, host_ms, pp_host_ms;
    const uint32_t piece = std::max(s.prompt_batch(), 1u); // eval_batch's pieces on Vulkan
    const uint32_t pieces = (o.p + piece - 1) / piece;
    std::string error;
    for (uint32_t rep = 0; rep <= o.r && error.empty(); ++rep) { // rep 0: warm-up
        if (rep == 1 && o.profile) {
            if (Result<void> ok = vulkan->enable_profiling(); !ok) {
                error = ok.error().message;
                break;
            }
        }
        double pp_s = 0.0, first_s = 0.0;
        s.truncate(0);
        if (o.p > 0) {
            const double host_start = thread_cpu_seconds();
            const Clock::time_point start = Clock::now();
            Result<std::span<const float>> logits = s.eval_batch(prompt);
            pp_s = seconds_since(start);
            if (rep > 0) {
                pp_host_ms.push_back(1000.0 * (thread_cpu_seconds() - host_start) / pieces);
            }
            if (!logits) {
                error = logits.error().message;
                break;
            }
        }
        s.truncate(0);
        Token token = prompt.empty() ? 1 : prompt[0];
        const double host_start = thread_cpu_seconds();
        const Clock::time_point start = Clock::now();
        for (uint32_t i = 0; i < o.n; ++i) {
            Result<Token> next = s.eval_greedy(token);
            if (!next) {
                error = next.error().message;
                break;
            }
            token = *next;
            if (i == 0) {
                first_s = seconds_since(start);
            }
        }
        const double tg_s = seconds_since(start);
        if (rep > 0 && o.n > 0) {
            host_ms.push_back(1000.0 * (thread_cpu_seconds() - host_start) / o.n);
        }
        if (rep > 0) {
            pp.push_back(o.p / pp_s);
            tg.push_back(o.n / tg_s);
            ttft.push_back(1000.0 * (pp_s + first_s));
        }
    }
    if (!error.empty()) {
        std::fprintf(stderr, "hearth-bench: %s\n", error.c_str());
        return 1;
    }
    const Stats pp_stats = o.p ? stats(pp) : Stats{}, tg_stats = o.n ? stats(tg) : Stats{};
    const Stats ttft_stats = stats(ttft);
    const Stats host_stats = o.n ? stats(host_ms) : Stats{};
    const Stats pp_host_stats = o.p ? stats(pp_host_ms) : Stats{};
    const double kv_bytes = s.backend_name() == "cpu-reference" ? 4.0 : 2.0; // f32 vs f16 cache
    const double per_token = bytes_per_token(**model, (o.n - 1) / 2.0, kv_bytes);
    const double gbs = per_token * tg_stats.mean / 1e9;
    const std::string name = o.model.substr(o.model.find_last_of('/') + 1);
    const std::string backend = s.backend_name();

    if (o.json) {
        std::printf("{\"model\": \"%s\", \"backend\": \"%s\", \"load_ms\": %.1f, "
                    "\"pp\": {\"tokens\": %u, \"mean\": %.3f, \"sd\": %.3f}, "
                    "\"tg\": {\"tokens\": %u, \"mean\": %.3f, \"sd\": %.3f}, "
                    "\"ttft_ms\": {\"mean\": %.2f, \"sd\": %.2f}, \"bytes_per_token\": %.0f, "
                    "\"gbs\": %.3f, \"peak_gbs\": %.3f, \"repetitions\": %u, "
                    "\"tg_host_ms\": {\"mean\": %.3f, \"sd\": %.3f}, "
                    "\"pp_host_ms\": {\"mean\": %.3f, \"sd\": %.3f, \"pieces\": %u}}\n",
                    name.c_str(), backend.c_str(), 1000.0 * load_s, o.p, pp_stats.mean, pp_stats.sd,
                    o.n, tg_stats.mean, tg_stats.sd, ttft_stats.mean, ttft_stats.sd, per_token, gbs,
                    o.peak_gbs, o.r, host_stats.mean, host_stats.sd, pp_host_stats.mean,
                    pp_host_stats.sd, pieces);
        return 0;
    }
    std::printf("| model | backend | test | t/s |\n| --- | --- | --- | --- |\n");
    if (o.p) {
        std::printf("| %s | %s | pp%u | %.2f ± %.2f |\n", name.c_str(), backend.c_str(), o.p,
                    pp_stats.mean, pp_stats.sd);
    }
    if (o.n) {
        std::printf("| %s | %s | tg%u | %.2f ± %.2f |\n", name.c_str(), backend.c_str(), o.n,
                    tg_stats.mean, tg_stats.sd);
    }
    std::printf("\nload: %.0f ms, time to first token: %.1f ± %.1f ms\n", 1000.0 * load_s,
                ttft_stats.mean, ttft_stats.sd);
    std::printf("generation reads %.2f MB per token: %.2f GB/s", per_token / 1e6, gbs);
    if (o.peak_gbs > 0) {
        std::printf(" (%.0f%% of %.1f GB/s)", 100.0 * gbs / o.peak_gbs, o.peak_gbs);
    }
    std::printf("\n");
    if (o.n) {
        // The calling thread's CPU time: recording, submission and reading back, not waiting.
        std::printf("host CPU time per generated token: %.3f ± %.3f ms\n", host_stats.mean,
                    host_stats.sd);
    }
    if (o.p) {
        std::printf("host CPU time per prompt piece (%u of up to %u tokens): %.3f ± %.3f ms\n",
                    pieces, s.prompt_batch(), pp_host_stats.mean, pp_host_stats.sd);
    }
    if (o.profile) {
        std::printf("\ndevice time per kernel over %u runs of pp%u + tg%u:\n", o.r, o.p, o.n);
        for (const auto& [kernel, entry] : vulkan->profiler()->totals()) {
            std::printf("  %-16s %10.1f ms %8llu dispatches\n", kernel.c_str(), entry.milliseconds,
                        static_cast<unsigned long long>(entry.dispatches));
        }
    }
    return 0;
}
