#include "session.h"

#include "backend_choice.h"
#include "checked_session.h"
#include "cpu/cpu_session.h"
#include "fast/fast_session.h"
#include "split_session.h"
#include "vulkan/vk_session.h"

#include <algorithm>
#include <cstdlib>

namespace hearth {

Result<std::span<const float>> Session::eval_batch(std::span<const Token> tokens) {
    if (tokens.empty()) {
        return Error{"no tokens to evaluate"};
    }
    Result<std::span<const float>> logits = Error{""};
    for (Token token : tokens) {
        logits = eval(token);
        if (!logits) {
            break;
        }
    }
    return logits;
}

Result<Token> Session::eval_greedy(Token token) {
    Result<std::span<const float>> logits = eval(token);
    if (!logits) {
        return logits.error();
    }
    return static_cast<Token>(std::ranges::max_element(*logits) - logits->begin());
}

Result<std::unique_ptr<Session>> create_vulkan_session(const Model& model,
                                                       const SessionOptions& options,
                                                       const std::string& selector) {
    Result<std::shared_ptr<vk::Device>> device = vk::Device::open(selector, options.pipeline_cache);
    if (!device) {
        return device.error();
    }
    return create_offloaded_session(model, options, std::move(device.value()));
}

Result<std::unique_ptr<Session>> create_cpu_session(const Model& model,
                                                    const SessionOptions& options,
                                                    std::string* fallback_reason) {
    if (options.backend != "cpu-reference") {
        Result<std::unique_ptr<fast::FastSession>> fast =
            fast::FastSession::create(model, options.n_ctx, options.threads);
        if (fast) {
            return std::unique_ptr<Session>(std::move(fast.value()));
        }
        if (fallback_reason != nullptr) {
            *fallback_reason = fast.error().message;
        }
    }
    Result<std::unique_ptr<CpuSession>> cpu =
        CpuSession::create(model, options.n_ctx, options.threads);
    if (!cpu) {
        return cpu.error();
    }
    return std::unique_ptr<Session>(std::move(cpu.value()));
}

namespace {

Result<std::unique_ptr<Session>> create_backend(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason,
                                                BackendChoice* choice) {
    if (options.backend == "auto") {
        BackendChoice measured;
        Result<std::unique_ptr<Session>> session =
            create_measured_session(model, options, measured);
        if (session && fallback_reason != nullptr &&
            (*session)->backend_name().starts_with("cpu")) {
            if (measured.candidates.size() > 1) {
                *fallback_reason =
                    "it was faster here than the GPU (measured: " + measured.summary() + ")";
            } else {
                for (const std::string& why : measured.skipped) {
                    *fallback_reason += (fallback_reason->empty() ? "" : "; ") + why;
                }
            }
        }
        if (choice != nullptr) {
            *choice = std::move(measured);
        }
        return session;
    }
    if (options.backend == "vulkan") {
        return create_vulkan_session(model, options, options.vulkan_device);
    }
    if (options.backend != "cpu" && options.backend != "cpu-reference") {
        return Error{"unknown backend \"" + options.backend +
                     "\" (cpu, cpu-reference, vulkan or auto)"};
    }
    return create_cpu_session(model, options, fallback_reason);
}

} // namespace

Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason,
                                                BackendChoice* choice) {
    if (load_cancelled(options)) {
        return Error{kLoadCancelled};
    }
    Result<std::unique_ptr<Session>> backend =
        create_backend(model, options, fallback_reason, choice);
    if (!backend) {
        return backend.error();
    }
    if (load_cancelled(options)) {
        return Error{kLoadCancelled}; // the session goes before its caller sees it
    }
    return std::unique_ptr<Session>(
        std::make_unique<CheckedSession>(model, std::move(backend.value())));
}

} // namespace hearth
