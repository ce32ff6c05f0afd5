// GPU time per kernel: a timestamp after every dispatch of a Batch, read back after each
// submission and summed by kernel name (hearth-bench --profile). Timestamps mark when each
// dispatch finished; the time of a dispatch is the gap to the previous mark, which is its
// own duration on a device that runs dispatches one after another (lavapipe) and an
// approximation where independent dispatches overlap.
#pragma once

#include "result.h"
#include "vulkan/vk_context.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hearth::vk {

class Profiler {
public:
    static Result<std::unique_ptr<Profiler>> create(const Context& ctx, uint32_t max_marks);
    ~Profiler();
    Profiler(const Profiler&) = delete;
    Profiler& operator=(const Profiler&) = delete;

    // Recording (called by Batch): reset at the start of a command buffer, one mark after
    // the start and after each dispatch.
    void reset(VkCommandBuffer cmd);
    void mark(VkCommandBuffer cmd, const std::string& name);
    // After the submission completed: adds the marks' intervals to the totals.
    void collect();

    struct Entry {
        double milliseconds = 0.0;
        uint64_t dispatches = 0;
    };
    const std::map<std::string, Entry>& totals() const { return totals_; }
    void clear() { totals_.clear(); }

private:
    Profiler() = default;

    VkDevice device_ = VK_NULL_HANDLE;
    VkQueryPool pool_ = VK_NULL_HANDLE;
    uint32_t max_marks_ = 0;
    double period_ns_ = 1.0;
    std::vector<std::string> names_; // of marks 1.. (mark 0 is the start)
    std::map<std::string, Entry> totals_;
};

} // namespace hearth::vk
