// A compute pipeline built from an embedded shader, and a batch of dispatches recorded into
// one command buffer and submitted once.
//
// Bindings of every kernel are storage buffers 0..buffer_count-1 in set 0; push constants
// are one block of push_bytes; specialization constant ids 0..n-1 take `specialization`.
// `written_bindings` (bit i: the shader writes binding i) lets a Batch place barriers only
// where a dispatch depends on an earlier one; the default treats every binding as written.
// `subgroup_size` (devices with subgroup size control only, see DeviceFeatures) pins the
// subgroup size and requires full subgroups; the workgroup size must be a multiple of it.
#pragma once

#include "result.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_profiler.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hearth::vk {

class Kernel {
public:
    static Result<Kernel> create(const Context& ctx, std::string_view shader, uint32_t buffer_count,
                                 uint32_t push_bytes, std::span<const uint32_t> specialization = {},
                                 uint32_t written_bindings = ~0u, uint32_t subgroup_size = 0);
    Kernel() = default;
    Kernel(Kernel&& other) noexcept;
    Kernel& operator=(Kernel&& other) noexcept;
    ~Kernel();

    const std::string& name() const { return name_; }
    uint32_t buffer_count() const { return buffer_count_; }
    uint32_t push_bytes() const { return push_bytes_; }
    bool writes(uint32_t binding) const { return (written_ >> binding) & 1u; }
    uint32_t subgroup_size() const { return subgroup_size_; } // 0: the driver's choice
    VkPipeline pipeline() const { return pipeline_; }
    VkPipelineLayout layout() const { return layout_; }
    VkDescriptorSetLayout set_layout() const { return set_layout_; }

private:
    void release();

    VkDevice device_ = VK_NULL_HANDLE;
    std::string name_;
    uint32_t buffer_count_ = 0;
    uint32_t push_bytes_ = 0;
    uint32_t written_ = ~0u;
    uint32_t subgroup_size_ = 0;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipeline pipeline_ = VK_NULL_HANDLE;
};

// A range of a buffer bound to one binding.
struct BufferRange {
    const Buffer* buffer = nullptr;
    VkDeviceSize offset = 0;
    VkDeviceSize bytes = VK_WHOLE_SIZE;
};

class Batch {
public:
    // reusable: the first submit_and_wait ends the recording and keeps it; later calls submit
    // the same command buffer again (no recording, no descriptor updates) until rerecord().
    static Result<Batch> create(const Context& ctx, uint32_t max_dispatches = 256,
                                bool reusable = false);
    Batch(Batch&& other) noexcept;
    Batch& operator=(Batch&&) = delete;
    ~Batch();

    // Records one dispatch. A barrier goes before it only when it reads or writes a range
    // that a dispatch since the last barrier wrote, or writes a range such a dispatch read
    // (ranges of the same VkBuffer that overlap). A wrong push size or buffer count is a
    // programming error: it is remembered and returned by submit_and_wait.
    void dispatch(const Kernel& kernel, std::array<uint32_t, 3> groups,
                  std::span<const std::byte> push, std::span<const BufferRange> buffers);

    template <class Push>
    void dispatch(const Kernel& kernel, std::array<uint32_t, 3> groups, const Push& push,
                  std::initializer_list<BufferRange> buffers) {
        dispatch(kernel, groups, std::as_bytes(std::span(&push, 1)),
                 std::span(buffers.begin(), buffers.size()));
    }

    // Submits everything recorded, waits, and makes the batch ready for reuse. Results
    // written to host-visible buffers are then visible to the host.
    Result<void> submit_and_wait();

    // A reusable batch whose recording is complete (submitted at least once).
    bool recorded() const { return ended_; }
    // Discards a reusable batch's recording and starts a new one.
    Result<void> rerecord();

    // Times every dispatch from the next recording on (nullptr: stop); not owned.
    void set_profiler(Profiler* profiler) { profiler_ = profiler; }

    uint32_t dispatches() const { return recorded_; }
    uint32_t barriers() const { return barriers_; } // recorded since the last submit

private:
    Batch() = default;
    Result<void> begin();
    void barrier();

    struct Access { // a bound range of a dispatch since the last barrier
        VkBuffer buffer;
        VkDeviceSize begin, end;
        bool write;
    };

    const Context* ctx_ = nullptr;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    VkDescriptorPool pool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    uint32_t max_dispatches_ = 0;
    bool reusable_ = false;
    bool ended_ = false; // vkEndCommandBuffer done: a reusable batch waits to be resubmitted
    uint32_t recorded_ = 0;
    uint32_t barriers_ = 0;
    std::vector<Access> pending_;
    Profiler* profiler_ = nullptr;
    bool profiling_ = false; // the current recording has marks
    std::string first_error_;
};

} // namespace hearth::vk
