// A running model: feeds tokens through the forward pass and keeps the KV cache. Backends
// (the CPU reference, Vulkan) implement this; the app and hearth-cli only see a Session.
#pragma once

#include "model/model.h"
#include "result.h"
#include "token.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace hearth {

// A backend as data: its kind ("cpu", the fast CPU backend; "cpu-reference", the plain float
// oracle; "vulkan") and the device it runs on (the CPU's instruction set, the graphics card's
// name; empty for the reference). The app shows and stores the two apart; name() is the
// one-line form logs, the CLI and the measurement cache use.
struct BackendDescription {
    std::string kind;
    std::string device;
    // Partial offload (split_session.h): the first gpu_layers of the model's n_layers run on
    // the device, the rest on the CPU. Both 0 when one backend runs every layer.
    uint32_t gpu_layers = 0;
    uint32_t n_layers = 0;

    bool split() const { return n_layers != 0; }
    // "kind (device)", or the kind alone without a device; "kind (device), 12 of 28 layers"
    // when split.
    std::string name() const {
        std::string out = device.empty() ? kind : kind + " (" + device + ")";
        if (split()) {
            out +=
                ", " + std::to_string(gpu_layers) + " of " + std::to_string(n_layers) + " layers";
        }
        return out;
    }
    bool operator==(const BackendDescription&) const = default;
};

class Session {
public:
    virtual ~Session() = default;

    // Runs `token` at position n_past() and returns the logits of the next token [n_vocab].
    // The span stays valid until the next call.
    virtual Result<std::span<const float>> eval(Token token) = 0;

    // Runs `tokens` at positions n_past() onwards and returns the logits after the last one
    // (prompt processing). Backends that batch (Vulkan) process many tokens per submission;
    // the default calls eval() for each.
    virtual Result<std::span<const float>> eval_batch(std::span<const Token> tokens);

    // Runs `token` and returns the most likely next token: greedy decoding, on the device
    // where the backend can (only the index is read back). The default takes the argmax of
    // eval()'s logits, the lowest index among equal maxima.
    virtual Result<Token> eval_greedy(Token token);

    virtual uint32_t n_past() const = 0;
    virtual uint32_t n_ctx() const = 0;
    // Forgets every position >= n (for regenerating or editing a conversation). A backend
    // whose sliding layers keep only a ring of recent positions may have to forget more
    // (all of them): continue from n_past(), not from n.
    virtual void truncate(uint32_t n) = 0;
    // Which backend runs this session and on what.
    virtual BackendDescription backend_description() const = 0;
    // backend_description().name(): "cpu (AVX2)", "cpu-reference", "vulkan (<device>)".
    std::string backend_name() const { return backend_description().name(); }
    // How the backend runs on its device, for hearth-cli and logs (the Vulkan kernels'
    // choices: subgroup size, integer dot products, prefill tile); empty if nothing to say.
    virtual std::string backend_details() const { return {}; }
    // How many prompt tokens one eval_batch() call should take for the backend's batched
    // kernels to run at full speed. Callers that split a prompt (to be able to stop between
    // pieces) use pieces of this size: more tokens per piece is faster, fewer stops sooner.
    virtual uint32_t prompt_batch() const { return 64; }
};

struct SessionOptions {
    // "cpu" (the fast CPU backend), "cpu-reference" (the plain float oracle), "vulkan" or
    // "auto" (the fastest of the CPU and each Vulkan device, measured).
    std::string backend = "cpu";
    uint32_t n_ctx = 2048;
    unsigned threads = 0; // CPU threads; 0: one per physical core (the reference: all)
    // Vulkan only:
    std::string vulkan_device;  // index or name substring; empty: HEARTH_VK_DEVICE or the best
    std::string pipeline_cache; // file keeping compiled pipelines between starts; empty: none
    // Layers on the device, the rest on the CPU (partial offload); -1: as many as the memory
    // budget holds (every layer when the model fits). 0 runs the CPU backend alone.
    int gpu_layers = -1;
    // Device memory the plan may take, bytes (0: what the device reports free, see
    // vk_offload.h; HEARTH_VK_BUDGET_MB lowers it too).
    uint64_t vulkan_budget = 0;
    // "auto" only: file keeping the measured speed of each backend per model (see
    // backend_choice.h); empty: measured at every load.
    std::string probe_cache;
    std::function<void(uint64_t done, uint64_t total)> load_progress; // weight upload, bytes
    // Set from any thread to give the load up: create_session looks at it between its steps
    // (the CPU session, each device's session, each measurement) and then fails with
    // kLoadCancelled. A step under way runs to its end. nullptr: never.
    const std::atomic<bool>* cancel = nullptr;
};

// The error message of a load given up through SessionOptions::cancel.
inline constexpr const char* kLoadCancelled = "the load was cancelled";

inline bool load_cancelled(const SessionOptions& options) {
    return options.cancel != nullptr && options.cancel->load();
}

struct BackendChoice;

// Creates a session on the requested backend. "auto" measures the fast CPU backend and each
// Vulkan device that can hold the model (once per model: see backend_choice.h) and keeps the
// fastest; `choice` receives the measurements, and `fallback_reason` a sentence when the CPU
// won over a GPU. "cpu" falls back to the reference when the fast kernels cannot run the
// model, with the reason.
// Every session comes wrapped in a CheckedSession (checked_session.h).
Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason = nullptr,
                                                BackendChoice* choice = nullptr);

// The fast CPU backend, or the reference when options.backend is "cpu-reference" or the
// fast one cannot run the model (`fallback_reason` says why).
Result<std::unique_ptr<Session>> create_cpu_session(const Model& model,
                                                    const SessionOptions& options,
                                                    std::string* fallback_reason = nullptr);
// A Vulkan session on the device `selector` names (index or name substring; empty: the
// best device), with options.gpu_layers of the model's layers (or as many as fit) on it: the
// whole model, a SplitSession, or with no layer on the device the fast CPU session.
Result<std::unique_ptr<Session>> create_vulkan_session(const Model& model,
                                                       const SessionOptions& options,
                                                       const std::string& selector);

} // namespace hearth
