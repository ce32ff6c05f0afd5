// A storage buffer with its own memory allocation (RAII). Host-visible buffers are
// persistently mapped. Weights are sub-allocated from large buffers by vk_weights.
#pragma once

#include "result.h"
#include "vulkan/vk_context.h"

#include <cstddef>
#include <span>
#include <vector>

namespace hearth::vk {

class Buffer {
public:
    // DeviceMapped: device-local memory the host maps too (unified-memory devices, see
    // Context::unified_memory), written in place instead of through a staging copy.
    enum class Memory { HostVisible, DeviceLocal, DeviceMapped };

    static Result<Buffer> create(const Context& ctx, VkDeviceSize bytes, Memory memory);
    Buffer() = default;
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    ~Buffer();

    VkBuffer handle() const { return buffer_; }
    VkDeviceSize size() const { return size_; }
    // Mapped bytes of a host-visible or device-mapped buffer; empty for device-local memory.
    std::span<std::byte> mapped() const {
        return {static_cast<std::byte*>(mapped_), mapped_ ? static_cast<size_t>(size_) : 0};
    }

private:
    void release();

    VkDevice device_ = VK_NULL_HANDLE;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    void* mapped_ = nullptr;
};

// Copies `regions` from `src` to `dst` in one command buffer and waits for it (uploads
// through a staging buffer; not for per-token work).
Result<void> copy_buffer(const Context& ctx, const Buffer& src, const Buffer& dst,
                         std::span<const VkBufferCopy> regions);

// A device-local buffer holding `bytes`, uploaded through a temporary staging buffer.
Result<Buffer> upload_to_device(const Context& ctx, std::span<const std::byte> bytes);

} // namespace hearth::vk
