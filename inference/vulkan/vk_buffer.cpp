#include "vulkan/vk_buffer.h"

#include <cstring>
#include <utility>

namespace hearth::vk {

Result<Buffer> Buffer::create(const Context& ctx, VkDeviceSize bytes, Memory memory) {
    if (bytes == 0) {
        return Error{"cannot create an empty Vulkan buffer"};
    }
    Buffer buffer;
    buffer.device_ = ctx.device();
    buffer.size_ = bytes;

    VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = bytes;
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                 VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if (VkResult r = vkCreateBuffer(ctx.device(), &info, nullptr, &buffer.buffer_);
        r != VK_SUCCESS) {
        return Error{"cannot create a Vulkan buffer of " + std::to_string(bytes) + " bytes (" +
                     result_name(r) + ")"};
    }

    VkMemoryRequirements needs;
    vkGetBufferMemoryRequirements(ctx.device(), buffer.buffer_, &needs);
    const VkMemoryPropertyFlags mappable =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    const VkMemoryPropertyFlags device_local = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    const VkMemoryPropertyFlags flags = memory == Memory::HostVisible    ? mappable
                                        : memory == Memory::DeviceMapped ? mappable | device_local
                                                                         : device_local;
    Result<uint32_t> type = ctx.find_memory_type(needs.memoryTypeBits, flags);
    if (!type) {
        return type.error();
    }
    VkMemoryAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = needs.size;
    alloc.memoryTypeIndex = *type;
    if (VkResult r = vkAllocateMemory(ctx.device(), &alloc, nullptr, &buffer.memory_);
        r != VK_SUCCESS) {
        return Error{"out of Vulkan memory: needed " + std::to_string(needs.size) + " bytes on " +
                     ctx.info().name + " (" + result_name(r) + ")"};
    }
    vkBindBufferMemory(ctx.device(), buffer.buffer_, buffer.memory_, 0);
    if (memory != Memory::DeviceLocal) {
        if (VkResult r = vkMapMemory(ctx.device(), buffer.memory_, 0, bytes, 0, &buffer.mapped_);
            r != VK_SUCCESS) {
            return Error{"cannot map a Vulkan buffer (" + result_name(r) + ")"};
        }
    }
    return buffer;
}

Buffer::Buffer(Buffer&& other) noexcept
    : device_(std::exchange(other.device_, VK_NULL_HANDLE)),
      buffer_(std::exchange(other.buffer_, VK_NULL_HANDLE)),
      memory_(std::exchange(other.memory_, VK_NULL_HANDLE)), size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, nullptr)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
        memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
        size_ = std::exchange(other.size_, 0);
        mapped_ = std::exchange(other.mapped_, nullptr);
    }
    return *this;
}

Buffer::~Buffer() {
    release();
}

void Buffer::release() {
    if (device_ == VK_NULL_HANDLE) {
        return;
    }
    if (buffer_) {
        vkDestroyBuffer(device_, buffer_, nullptr);
    }
    if (memory_) {
        vkFreeMemory(device_, memory_, nullptr); // unmaps implicitly
    }
    device_ = VK_NULL_HANDLE;
}

Result<void> copy_buffer(const Context& ctx, const Buffer& src, const Buffer& dst,
                         std::span<const VkBufferCopy> regions) {
    if (regions.empty()) {
        return {};
    }
    VkCommandBufferAllocateInfo cmd_info{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cmd_info.commandPool = ctx.command_pool();
    cmd_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cmd_info.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    if (VkResult r = vkAllocateCommandBuffers(ctx.device(), &cmd_info, &cmd); r != VK_SUCCESS) {
        return Error{"cannot allocate a Vulkan command buffer (" + result_name(r) + ")"};
    }
    VkFence fence = VK_NULL_HANDLE;
    VkFenceCreateInfo fence_info{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkResult r = vkCreateFence(ctx.device(), &fence_info, nullptr, &fence);
    if (r == VK_SUCCESS) {
        VkCommandBufferBeginInfo begin{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        vkBeginCommandBuffer(cmd, &begin);
        vkCmdCopyBuffer(cmd, src.handle(), dst.handle(), static_cast<uint32_t>(regions.size()),
                        regions.data());
        r = vkEndCommandBuffer(cmd);
    }
    if (r == VK_SUCCESS) {
        VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        r = vkQueueSubmit(ctx.queue(), 1, &submit, fence);
    }
    if (r == VK_SUCCESS) {
        r = vkWaitForFences(ctx.device(), 1, &fence, VK_TRUE, UINT64_MAX);
    }
    vkDestroyFence(ctx.device(), fence, nullptr);
    vkFreeCommandBuffers(ctx.device(), ctx.command_pool(), 1, &cmd);
    if (r != VK_SUCCESS) {
        return Error{"copying to Vulkan memory failed on " + ctx.info().name + " (" +
                     result_name(r) + ")"};
    }
    return {};
}

Result<Buffer> upload_to_device(const Context& ctx, std::span<const std::byte> bytes) {
    Result<Buffer> staging = Buffer::create(ctx, bytes.size(), Buffer::Memory::HostVisible);
    if (!staging) {
        return staging.error();
    }
    std::memcpy(staging->mapped().data(), bytes.data(), bytes.size());
    Result<Buffer> buffer = Buffer::create(ctx, bytes.size(), Buffer::Memory::DeviceLocal);
    if (!buffer) {
        return buffer.error();
    }
    const VkBufferCopy region{0, 0, bytes.size()};
    if (Result<void> copied = copy_buffer(ctx, *staging, *buffer, {&region, 1}); !copied) {
        return copied.error();
    }
    return buffer;
}

} // namespace hearth::vk
