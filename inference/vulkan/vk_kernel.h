// A compute pipeline built from an embedded shader, and a batch of dispatches recorded into
// one command buffer and submitted once.
//
// Bindings of every kernel are storage buffers 0..buffer_count-1 in set 0; push constants
// are one block of push_bytes; specialization constant ids 0..n-1 take `specialization`.
#pragma once

#include "result.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hearth::vk {

class Kernel {
public:
    static Result<Kernel> create(const Context& ctx, std::string_view shader, uint32_t buffer_count,
                                 uint32_t push_bytes,
                                 std::span<const uint32_t> specialization = {});
    Kernel() = default;
    Kernel(Kernel&& other) noexcept;
    Kernel& operator=(Kernel&& other) noexcept;
    ~Kernel();

    const std::string& name() const { return name_; }
    uint32_t buffer_count() const { return buffer_count_; }
    uint32_t push_bytes() const { return push_bytes_; }
    VkPipeline pipeline() const { return pipeline_; }
    VkPipelineLayout layout() const { return layout_; }
    VkDescriptorSetLayout set_layout() const { return set_layout_; }

private:
    void release();

    VkDevice device_ = VK_NULL_HANDLE;
    std::string name_;
    uint32_t buffer_count_ = 0;
    uint32_t push_bytes_ = 0;
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
    static Result<Batch> create(const Context& ctx, uint32_t max_dispatches = 256);
    Batch(Batch&& other) noexcept;
    Batch& operator=(Batch&&) = delete;
    ~Batch();

    // Records one dispatch followed by a compute-to-compute barrier. A wrong push size or
    // buffer count is a programming error: it is remembered and returned by submit_and_wait.
    void dispatch(const Kernel& kernel, std::array<uint32_t, 3> groups,
                  std::span<const std::byte> push, std::span<const BufferRange> buffers);

    template <class Push>
    void dispatch(const Kernel& kernel, std::array<uint32_t, 3> groups, const Push& push,
                  std::initializer_list<BufferRange> buffers) {
        dispatch(kernel, groups, std::as_bytes(std::span(&push, 1)),
                 std::span(buffers.begin(), buffers.size()));
    }

    // Submits everything recorded, waits, and makes the batch ready for reuse.
    Result<void> submit_and_wait();

private:
    Batch() = default;
    Result<void> begin();

    const Context* ctx_ = nullptr;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    VkDescriptorPool pool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    uint32_t max_dispatches_ = 0;
    uint32_t recorded_ = 0;
    std::string first_error_;
};

} // namespace hearth::vk
