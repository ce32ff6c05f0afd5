// A running model: feeds tokens through the forward pass and keeps the KV cache. Backends
// (the CPU reference, Vulkan) implement this; the app and hearth-cli only see a Session.
#pragma once

#include "model/model.h"
#include "result.h"
#include "token.h"

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

    virtual uint32_t n_past() const = 0;
    virtual uint32_t n_ctx() const = 0;
    // Forgets every position >= n (for regenerating or editing a conversation).
    virtual void truncate(uint32_t n) = 0;
    // "cpu" or "vulkan (<device name>)", for users and provenance.
    virtual std::string backend_name() const = 0;
};

struct SessionOptions {
    std::string backend = "cpu"; // "cpu", "vulkan" or "auto" (Vulkan when it works, else CPU)
    uint32_t n_ctx = 2048;
    unsigned threads = 0; // CPU threads; 0: all
};

// Creates a session on the requested backend. With "auto", a Vulkan failure falls back to
// the CPU and `fallback_reason` (when given) says why.
Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason = nullptr);

} // namespace hearth
