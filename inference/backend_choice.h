// How the "auto" backend is chosen: by measurement, not by rule. The first time a model is
// loaded on a device, a short probe times prompt processing and generation on the fast CPU
// backend and on each Vulkan device that can hold the model; the fastest for a typical chat
// turn wins. Measurements are kept in a small cache file (next to the pipeline cache), so
// later loads only open the winner.
#pragma once

#include "model/model.h"
#include "result.h"
#include "session.h"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct BackendMeasurement {
    BackendDescription backend; // Session::backend_description()
    double prompt_tps = 0.0;    // tokens/s of a 32-token prompt batch
    double generate_tps = 0.0;  // tokens/s generating one token at a time
    bool from_cache = false;
    bool stopped_early = false; // generation alone was already far slower than the best

    // Seconds for a typical turn: a 512-token prompt and a 128-token answer.
    double turn_seconds() const;
};

// Every candidate of one choice, in the order measured, and which one won.
struct BackendChoice {
    std::vector<BackendMeasurement> candidates;
    size_t chosen = 0;
    std::vector<std::string> skipped; // devices not tried, and why

    // "cpu (AVX2): 35.2 tokens/s; vulkan (llvmpipe): 2.1 tokens/s" (generation speeds).
    std::string summary() const;
};

// Times `session` (left empty, at position 0): two warm-up tokens, up to 8 generated tokens
// (stopping once `time_cap` seconds have passed, if positive), then a 32-token prompt (less
// where the context is smaller). Gives up before any token once `cancel` is set
// (kLoadCancelled).
Result<BackendMeasurement> measure_session(Session& session, uint32_t n_vocab,
                                           double time_cap = 0.0,
                                           const std::atomic<bool>* cancel = nullptr);

// Measurements by model and backend in a text file, one per line:
//   <model key> TAB <backend> TAB <prompt tokens/s> TAB <generation tokens/s>
class ProbeCache {
public:
    explicit ProbeCache(std::string path) : path_(std::move(path)) {}
    // The file's contents, unless it cannot be read (then empty: everything is measured).
    std::optional<BackendMeasurement> find(const std::string& model_key,
                                           const BackendDescription& backend) const;
    // Adds or replaces a measurement; the file is rewritten (best effort).
    void store(const std::string& model_key, const BackendMeasurement& m) const;
    // A model's identity for the cache: its size and a hash of its first MiB (the header,
    // tensor table and first weights), plus the thread count and the probe's version.
    static std::string model_key(const Model& model, unsigned threads);

private:
    std::string path_;
};

// Where programs keep the measurements by default: $XDG_CACHE_HOME/Hearth (or
// ~/.cache/Hearth)/backend-speeds.tsv, the folder made if missing; empty without a home.
std::string default_probe_cache();

// The "auto" choice among the CPU and the Vulkan devices (only options.vulkan_device when it
// names one). The winner's session is returned; `choice` says what was measured.
Result<std::unique_ptr<Session>>
create_measured_session(const Model& model, const SessionOptions& options, BackendChoice& choice);

} // namespace hearth
