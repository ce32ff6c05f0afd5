// Copies from the host to device-local buffers through a ring of staging buffers, so that
// the host fills one while the device copies from the others (upload_weights). Each slot is
// a host-visible buffer with its own command buffer and fence; a slot is refilled only after
// its fence says the device has finished reading it. Copies run on the context's compute
// queue (the only queue Context creates) and end in a barrier that makes their writes
// visible to the compute shaders submitted after them.
#pragma once

#include "result.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hearth::vk {

class StagingRing {
public:
    // `slots` buffers of `slot_bytes` each (both at least 1).
    static Result<StagingRing> create(const Context& ctx, uint64_t slot_bytes, uint32_t slots);
    StagingRing(StagingRing&& other) noexcept;
    StagingRing& operator=(StagingRing&&) = delete;
    // Waits for every copy still running (an upload that failed half-way included), then
    // frees the slots.
    ~StagingRing();

    uint64_t slot_bytes() const { return slot_bytes_; }
    // The next slot's mapped bytes, once the device has finished its previous copy.
    Result<std::span<std::byte>> acquire();
    // Submits the copy of `regions` (source offsets within the acquired slot) into `dst`,
    // without waiting; the next acquire() moves on to the next slot. `bytes`: the payload
    // of the copy, counted by completed() once it has finished.
    Result<void> submit(const Buffer& dst, std::span<const VkBufferCopy> regions, uint64_t bytes);
    // Waits for every submitted copy.
    Result<void> finish();
    // Payload bytes whose copies have finished, as far as acquire() and finish() have seen.
    uint64_t completed() const { return completed_; }

private:
    struct Slot {
        Buffer staging;
        VkCommandBuffer cmd = VK_NULL_HANDLE;
        VkFence fence = VK_NULL_HANDLE;
        bool pending = false; // submitted, fence not yet waited for
        uint64_t payload = 0; // bytes of the pending copy
    };
    StagingRing() = default;
    Result<void> wait(Slot& slot);

    const Context* ctx_ = nullptr;
    std::vector<Slot> slots_;
    uint64_t slot_bytes_ = 0;
    size_t next_ = 0; // the slot acquire() hands out
    uint64_t completed_ = 0;
};

} // namespace hearth::vk
