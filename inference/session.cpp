#include "session.h"

#include "checked_session.h"
#include "cpu/cpu_session.h"
#include "fast/fast_session.h"
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

namespace {

Result<std::unique_ptr<Session>> create_vulkan(const Model& model, const SessionOptions& options,
                                               bool automatic) {
    Result<std::shared_ptr<vk::Device>> device =
        vk::Device::open(options.vulkan_device, options.pipeline_cache);
    if (!device) {
        return device.error();
    }
    const vk::DeviceInfo& info = (*device)->context->info();
    const bool selected = !options.vulkan_device.empty() || std::getenv("HEARTH_VK_DEVICE");
    if (automatic && !selected && info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
        return Error{"the only Vulkan device, " + info.name +
                     ", runs on the CPU, where the CPU backend is faster"};
    }
    vk::VulkanOptions vulkan;
    vulkan.n_ctx = options.n_ctx;
    vulkan.progress = options.load_progress;
    Result<std::unique_ptr<vk::VulkanSession>> session =
        vk::VulkanSession::create(model, std::move(device.value()), vulkan);
    if (!session) {
        return session.error();
    }
    return std::unique_ptr<Session>(std::move(session.value()));
}

} // namespace

namespace {

Result<std::unique_ptr<Session>> create_backend(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason) {
    const bool automatic = options.backend == "auto";
    if (options.backend == "vulkan" || automatic) {
        Result<std::unique_ptr<Session>> vulkan = create_vulkan(model, options, automatic);
        if (vulkan || !automatic) {
            return vulkan;
        }
        if (fallback_reason != nullptr) {
            *fallback_reason = vulkan.error().message;
        }
    } else if (options.backend != "cpu" && options.backend != "cpu-reference") {
        return Error{"unknown backend \"" + options.backend +
                     "\" (cpu, cpu-reference, vulkan or auto)"};
    }
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

} // namespace

Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason) {
    Result<std::unique_ptr<Session>> backend = create_backend(model, options, fallback_reason);
    if (!backend) {
        return backend.error();
    }
    return std::unique_ptr<Session>(
        std::make_unique<CheckedSession>(model, std::move(backend.value())));
}

} // namespace hearth
