#include "vulkan/vk_buffer_staging.h"

#include <algorithm>
#include <utility>

namespace hearth::vk {

Result<StagingRing> StagingRing::create(const Context& ctx, uint64_t slot_bytes, uint32_t slots) {
    StagingRing ring;
    ring.ctx_ = &ctx;
    ring.slot_bytes_ = std::max<uint64_t>(slot_bytes, 1);
    ring.slots_.resize(std::max<uint32_t>(slots, 1));
    for (Slot& slot : ring.slots_) {
        Result<Buffer> staging = Buffer::create(ctx, ring.slot_bytes_, Buffer::Memory::HostVisible);
        if (!staging) {
            return staging.error();
        }
        slot.staging = std::move(staging.value());
        VkCommandBufferAllocateInfo cmd_info{.sType =
                                                 VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        cmd_info.commandPool = ctx.command_pool();
        cmd_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        cmd_info.commandBufferCount = 1;
        if (VkResult r = vkAllocateCommandBuffers(ctx.device(), &cmd_info, &slot.cmd);
            r != VK_SUCCESS) {
            return Error{"cannot allocate a Vulkan command buffer (" + result_name(r) + ")"};
        }
        VkFenceCreateInfo fence_info{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        if (VkResult r = vkCreateFence(ctx.device(), &fence_info, nullptr, &slot.fence);
            r != VK_SUCCESS) {
            return Error{"cannot create a Vulkan fence (" + result_name(r) + ")"};
        }
    }
    return ring;
}

StagingRing::StagingRing(StagingRing&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)), slots_(std::move(other.slots_)),
      slot_bytes_(other.slot_bytes_), next_(other.next_), completed_(other.completed_) {
    other.slots_.clear();
}

StagingRing::~StagingRing() {
    if (ctx_ == nullptr) {
        return;
    }
    for (Slot& slot : slots_) {
        if (slot.pending) {
            // Nothing to report from a destructor; a lost device makes this return at once.
            vkWaitForFences(ctx_->device(), 1, &slot.fence, VK_TRUE, UINT64_MAX);
        }
        if (slot.fence) {
            vkDestroyFence(ctx_->device(), slot.fence, nullptr);
        }
        if (slot.cmd) {
            vkFreeCommandBuffers(ctx_->device(), ctx_->command_pool(), 1, &slot.cmd);
        }
    }
}

Result<void> StagingRing::wait(Slot& slot) {
    if (!slot.pending) {
        return {};
    }
    VkResult r = vkWaitForFences(ctx_->device(), 1, &slot.fence, VK_TRUE, UINT64_MAX);
    if (r == VK_SUCCESS) {
        r = vkResetFences(ctx_->device(), 1, &slot.fence);
    }
    if (r != VK_SUCCESS) {
        return Error{"copying to Vulkan memory failed on " + ctx_->info().name + " (" +
                     result_name(r) + ")"};
    }
    slot.pending = false;
    completed_ += std::exchange(slot.payload, 0);
    return {};
}

Result<std::span<std::byte>> StagingRing::acquire() {
    Slot& slot = slots_[next_];
    if (Result<void> ok = wait(slot); !ok) {
        return ok.error();
    }
    return slot.staging.mapped();
}

Result<void> StagingRing::submit(const Buffer& dst, std::span<const VkBufferCopy> regions,
                                 uint64_t bytes) {
    Slot& slot = slots_[next_];
    if (Result<void> ok = wait(slot); !ok) { // done by acquire() already, unless not called
        return ok.error();
    }
    next_ = (next_ + 1) % slots_.size();
    if (regions.empty()) {
        return {};
    }
    VkCommandBufferBeginInfo begin{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VkResult r = vkResetCommandBuffer(slot.cmd, 0);
    if (r == VK_SUCCESS) {
        r = vkBeginCommandBuffer(slot.cmd, &begin);
    }
    if (r == VK_SUCCESS) {
        vkCmdCopyBuffer(slot.cmd, slot.staging.handle(), dst.handle(),
                        static_cast<uint32_t>(regions.size()), regions.data());
        // The kernels submitted later read what this copy wrote.
        VkMemoryBarrier written{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        written.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        written.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
        vkCmdPipelineBarrier(slot.cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                             VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &written, 0, nullptr, 0,
                             nullptr);
        r = vkEndCommandBuffer(slot.cmd);
    }
    if (r == VK_SUCCESS) {
        VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &slot.cmd;
        r = vkQueueSubmit(ctx_->queue(), 1, &submit, slot.fence);
    }
    if (r != VK_SUCCESS) {
        return Error{"copying to Vulkan memory failed on " + ctx_->info().name + " (" +
                     result_name(r) + ")"};
    }
    slot.pending = true;
    slot.payload = bytes;
    return {};
}

Result<void> StagingRing::finish() {
    for (Slot& slot : slots_) {
        if (Result<void> ok = wait(slot); !ok) {
            return ok.error();
        }
    }
    return {};
}

} // namespace hearth::vk
