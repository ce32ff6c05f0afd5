#include "session.h"

#include "cpu/cpu_session.h"

namespace hearth {

Result<std::unique_ptr<Session>> create_session(const Model& model, const SessionOptions& options,
                                                std::string* fallback_reason) {
    if (options.backend == "vulkan" || options.backend == "auto") {
        const std::string why = "the Vulkan backend is not available yet";
        if (options.backend == "vulkan") {
            return Error{why};
        }
        if (fallback_reason != nullptr) {
            *fallback_reason = why;
        }
    } else if (options.backend != "cpu") {
        return Error{"unknown backend \"" + options.backend + "\" (cpu, vulkan or auto)"};
    }
    Result<std::unique_ptr<CpuSession>> cpu =
        CpuSession::create(model, options.n_ctx, options.threads);
    if (!cpu) {
        return cpu.error();
    }
    return std::unique_ptr<Session>(std::move(cpu.value()));
}

} // namespace hearth
