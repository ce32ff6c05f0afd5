#include "vulkan/vk_profiler.h"

namespace hearth::vk {

Result<std::unique_ptr<Profiler>> Profiler::create(const Context& ctx, uint32_t max_marks) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(ctx.physical_device(), &props);
    if (props.limits.timestampPeriod <= 0.0f || !props.limits.timestampComputeAndGraphics) {
        return Error{ctx.info().name + " cannot time compute work"};
    }
    std::unique_ptr<Profiler> p(new Profiler);
    p->device_ = ctx.device();
    p->max_marks_ = max_marks + 1;
    p->period_ns_ = props.limits.timestampPeriod;
    VkQueryPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    info.queryType = VK_QUERY_TYPE_TIMESTAMP;
    info.queryCount = p->max_marks_;
    if (VkResult r = vkCreateQueryPool(ctx.device(), &info, nullptr, &p->pool_); r != VK_SUCCESS) {
        return Error{"cannot create a timestamp query pool (" + result_name(r) + ")"};
    }
    return p;
}

Profiler::~Profiler() {
    if (device_) {
        vkDestroyQueryPool(device_, pool_, nullptr);
    }
}

void Profiler::reset(VkCommandBuffer cmd) {
    names_.clear();
    vkCmdResetQueryPool(cmd, pool_, 0, max_marks_);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool_, 0);
}

void Profiler::mark(VkCommandBuffer cmd, const std::string& name) {
    if (names_.size() + 1 >= max_marks_) {
        return;
    }
    names_.push_back(name);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_,
                        static_cast<uint32_t>(names_.size()));
}

void Profiler::collect() {
    std::vector<uint64_t> stamps(names_.size() + 1);
    if (names_.empty() ||
        vkGetQueryPoolResults(device_, pool_, 0, static_cast<uint32_t>(stamps.size()),
                              stamps.size() * sizeof(uint64_t), stamps.data(), sizeof(uint64_t),
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) != VK_SUCCESS) {
        return;
    }
    for (size_t i = 0; i < names_.size(); ++i) {
        Entry& e = totals_[names_[i]];
        const uint64_t ticks = stamps[i + 1] > stamps[i] ? stamps[i + 1] - stamps[i] : 0;
        e.milliseconds += double(ticks) * period_ns_ / 1e6;
        ++e.dispatches;
    }
}

} // namespace hearth::vk
