// A running model: feeds tokens through the forward pass and keeps the KV cache. Backends
// (the CPU reference, Vulkan) implement this; the app and hearth-cli only see a Session.
#pragma once

#include "model/model.h"
#include "result.h"
#include "token.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace hearth {

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
    // Forgets every position >= n (for regenerating or editing a conversation).
    virtual void truncate(uint32_t n) = 0;
    // "cpu (<instruction set>)", "cpu-reference" or "vulkan (<device name>)", for users and
    // provenance.
    virtual std::string backend_name() const = 0;
};

struct SessionOptions {
    // "cpu" (the fast CPU backend), "cpu-reference" (the plain float oracle), "vulkan" or
    // "auto" (Vulkan when it works and is not itself a CPU, else the fast CPU backend).
    std::string backend = "cpu";
    uint32_t n_ctx = 2048;
    unsigned threads = 0; // CPU threads; 0: one per physical core (the reference: all)
    // Vulkan only:
    std::string vulkan_device;  // index or name substring; empty: HEARTH_VK_DEVICE or the best
    std::string pipeline_cache; // file keeping compiled pipelines between starts; empty: none
    std::function<void(uint64_t done, uint64_t total)> load_progress; // weight upload, bytes
};

// Creates a session on the requested backend. With "auto", a Vulkan failure falls back to
// the CPU and `fallback_reason` (when given) says why; so does a Vulkan device that is only
// a CPU (lavapipe) unless it was selected explicitly, since the CPU backend is faster there.
// A model the fast CPU kernels cannot run falls back to the reference, with the reason.
// Every session comes wrapped in a CheckedSession (checked_session.h).
Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason = nullptr);

} // namespace hearth
