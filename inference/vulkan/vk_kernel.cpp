#include "vulkan/vk_kernel.h"

#include "vulkan/shader_registry.h"

#include <utility>

namespace hearth::vk {

namespace {
// Upper bound on storage buffers per kernel; sizes the descriptor pool of a batch.
constexpr uint32_t kMaxBindings = 8;
} // namespace

Result<Kernel> Kernel::create(const Context& ctx, std::string_view shader, uint32_t buffer_count,
                              uint32_t push_bytes, std::span<const uint32_t> specialization,
                              uint32_t written_bindings, uint32_t subgroup_size) {
    std::span<const uint32_t> words = find_shader(shader);
    if (words.empty()) {
        return Error{"no compiled shader named " + std::string(shader)};
    }
    if (buffer_count == 0 || buffer_count > kMaxBindings || push_bytes % 4 != 0 ||
        push_bytes > 128) {
        return Error{"kernel " + std::string(shader) + " has an invalid interface"};
    }
    Kernel kernel;
    kernel.device_ = ctx.device();
    kernel.name_ = shader;
    kernel.buffer_count_ = buffer_count;
    kernel.push_bytes_ = push_bytes;
    kernel.written_ = written_bindings;
    const DeviceFeatures& features = ctx.info().features;
    if (subgroup_size != 0 &&
        (!features.subgroup_size_control || subgroup_size < features.min_subgroup_size ||
         subgroup_size > features.max_subgroup_size || (subgroup_size & (subgroup_size - 1)))) {
        return Error{"kernel " + std::string(shader) + ": the device cannot run subgroups of " +
                     std::to_string(subgroup_size)};
    }
    kernel.subgroup_size_ = subgroup_size;
    auto fail = [&](const char* what, VkResult r) {
        return Error{"cannot create " + std::string(what) + " for kernel " + kernel.name_ + " (" +
                     result_name(r) + ")"};
    };

    std::vector<VkDescriptorSetLayoutBinding> bindings(buffer_count);
    for (uint32_t i = 0; i < buffer_count; ++i) {
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT,
                       nullptr};
    }
    VkDescriptorSetLayoutCreateInfo set_info{
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = buffer_count;
    set_info.pBindings = bindings.data();
    if (VkResult r =
            vkCreateDescriptorSetLayout(ctx.device(), &set_info, nullptr, &kernel.set_layout_);
        r != VK_SUCCESS) {
        return fail("a descriptor set layout", r);
    }

    VkPushConstantRange push_range{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes};
    VkPipelineLayoutCreateInfo layout_info{.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &kernel.set_layout_;
    layout_info.pushConstantRangeCount = push_bytes ? 1 : 0;
    layout_info.pPushConstantRanges = &push_range;
    if (VkResult r = vkCreatePipelineLayout(ctx.device(), &layout_info, nullptr, &kernel.layout_);
        r != VK_SUCCESS) {
        return fail("a pipeline layout", r);
    }

    VkShaderModuleCreateInfo module_info{.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    module_info.codeSize = words.size_bytes();
    module_info.pCode = words.data();
    VkShaderModule module = VK_NULL_HANDLE;
    if (VkResult r = vkCreateShaderModule(ctx.device(), &module_info, nullptr, &module);
        r != VK_SUCCESS) {
        return fail("a shader module", r);
    }

    std::vector<VkSpecializationMapEntry> entries(specialization.size());
    for (uint32_t i = 0; i < entries.size(); ++i) {
        entries[i] = {i, i * 4, 4};
    }
    VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                              specialization.size_bytes(), specialization.data()};
    VkComputePipelineCreateInfo pipeline_info{.sType =
                                                  VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipeline_info.stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    pipeline_info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    pipeline_info.stage.module = module;
    pipeline_info.stage.pName = "main";
    pipeline_info.stage.pSpecializationInfo = specialization.empty() ? nullptr : &spec;
    VkPipelineShaderStageRequiredSubgroupSizeCreateInfoEXT required{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_REQUIRED_SUBGROUP_SIZE_CREATE_INFO_EXT};
    if (subgroup_size != 0) {
        required.requiredSubgroupSize = subgroup_size;
        pipeline_info.stage.pNext = &required;
        pipeline_info.stage.flags = VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT_EXT;
    }
    pipeline_info.layout = kernel.layout_;
    VkResult r = vkCreateComputePipelines(ctx.device(), ctx.pipeline_cache(), 1, &pipeline_info,
                                          nullptr, &kernel.pipeline_);
    vkDestroyShaderModule(ctx.device(), module, nullptr);
    if (r != VK_SUCCESS) {
        return fail("a compute pipeline", r);
    }
    return kernel;
}

Kernel::Kernel(Kernel&& other) noexcept
    : device_(std::exchange(other.device_, VK_NULL_HANDLE)), name_(std::move(other.name_)),
      buffer_count_(other.buffer_count_), push_bytes_(other.push_bytes_), written_(other.written_),
      subgroup_size_(other.subgroup_size_),
      set_layout_(std::exchange(other.set_layout_, VK_NULL_HANDLE)),
      layout_(std::exchange(other.layout_, VK_NULL_HANDLE)),
      pipeline_(std::exchange(other.pipeline_, VK_NULL_HANDLE)) {}

Kernel& Kernel::operator=(Kernel&& other) noexcept {
    if (this != &other) {
        release();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        name_ = std::move(other.name_);
        buffer_count_ = other.buffer_count_;
        push_bytes_ = other.push_bytes_;
        written_ = other.written_;
        subgroup_size_ = other.subgroup_size_;
        set_layout_ = std::exchange(other.set_layout_, VK_NULL_HANDLE);
        layout_ = std::exchange(other.layout_, VK_NULL_HANDLE);
        pipeline_ = std::exchange(other.pipeline_, VK_NULL_HANDLE);
    }
    return *this;
}

Kernel::~Kernel() {
    release();
}

void Kernel::release() {
    if (device_ == VK_NULL_HANDLE) {
        return;
    }
    vkDestroyPipeline(device_, pipeline_, nullptr);
    vkDestroyPipelineLayout(device_, layout_, nullptr);
    vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    device_ = VK_NULL_HANDLE;
}

Result<Batch> Batch::create(const Context& ctx, uint32_t max_dispatches, bool reusable) {
    Batch batch;
    batch.ctx_ = &ctx;
    batch.max_dispatches_ = max_dispatches;
    batch.reusable_ = reusable;

    VkCommandBufferAllocateInfo cmd_info{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cmd_info.commandPool = ctx.command_pool();
    cmd_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cmd_info.commandBufferCount = 1;
    if (VkResult r = vkAllocateCommandBuffers(ctx.device(), &cmd_info, &batch.cmd_);
        r != VK_SUCCESS) {
        return Error{"cannot allocate a Vulkan command buffer (" + result_name(r) + ")"};
    }
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, max_dispatches * kMaxBindings};
    VkDescriptorPoolCreateInfo pool_info{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool_info.maxSets = max_dispatches;
    pool_info.poolSizeCount = 1;
    pool_info.pPoolSizes = &size;
    if (VkResult r = vkCreateDescriptorPool(ctx.device(), &pool_info, nullptr, &batch.pool_);
        r != VK_SUCCESS) {
        return Error{"cannot create a Vulkan descriptor pool (" + result_name(r) + ")"};
    }
    VkFenceCreateInfo fence_info{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (VkResult r = vkCreateFence(ctx.device(), &fence_info, nullptr, &batch.fence_);
        r != VK_SUCCESS) {
        return Error{"cannot create a Vulkan fence (" + result_name(r) + ")"};
    }
    if (Result<void> started = batch.begin(); !started) {
        return started.error();
    }
    return batch;
}

Batch::Batch(Batch&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)), cmd_(std::exchange(other.cmd_, VK_NULL_HANDLE)),
      pool_(std::exchange(other.pool_, VK_NULL_HANDLE)),
      fence_(std::exchange(other.fence_, VK_NULL_HANDLE)), max_dispatches_(other.max_dispatches_),
      reusable_(other.reusable_), ended_(other.ended_), recorded_(other.recorded_),
      barriers_(other.barriers_), pending_(std::move(other.pending_)), profiler_(other.profiler_),
      profiling_(other.profiling_), first_error_(std::move(other.first_error_)) {}

Batch::~Batch() {
    if (ctx_ == nullptr) {
        return;
    }
    VkDevice device = ctx_->device();
    vkDestroyFence(device, fence_, nullptr);
    vkDestroyDescriptorPool(device, pool_, nullptr);
    if (cmd_) {
        vkFreeCommandBuffers(device, ctx_->command_pool(), 1, &cmd_);
    }
}

Result<void> Batch::begin() {
    vkResetDescriptorPool(ctx_->device(), pool_, 0);
    VkCommandBufferBeginInfo begin_info{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin_info.flags = reusable_ ? 0 : VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (VkResult r = vkBeginCommandBuffer(cmd_, &begin_info); r != VK_SUCCESS) {
        return Error{"cannot record Vulkan commands (" + result_name(r) + ")"};
    }
    // Writes of earlier submissions (a previous token's KV cache, uploads by copy) become
    // visible to this one: a fence wait on the host does not order device memory by itself.
    VkMemoryBarrier earlier{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    earlier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    earlier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(
        cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
        VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &earlier, 0, nullptr, 0, nullptr);
    recorded_ = 0;
    barriers_ = 0;
    pending_.clear();
    profiling_ = profiler_ != nullptr;
    if (profiling_) {
        profiler_->reset(cmd_);
    }
    first_error_.clear();
    return {};
}

void Batch::barrier() {
    VkMemoryBarrier barrier{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &barrier, 0, nullptr, 0,
                         nullptr);
    pending_.clear();
    ++barriers_;
}

void Batch::dispatch(const Kernel& kernel, std::array<uint32_t, 3> groups,
                     std::span<const std::byte> push, std::span<const BufferRange> buffers) {
    if (!first_error_.empty()) {
        return;
    }
    if (ended_) {
        first_error_ = "the batch's recording is complete; rerecord() it first";
        return;
    }
    if (push.size() != kernel.push_bytes() || buffers.size() != kernel.buffer_count()) {
        first_error_ = "kernel " + kernel.name() + " expects " +
                       std::to_string(kernel.push_bytes()) + " push bytes and " +
                       std::to_string(kernel.buffer_count()) + " buffers, got " +
                       std::to_string(push.size()) + " and " + std::to_string(buffers.size());
        return;
    }
    if (recorded_ == max_dispatches_) {
        first_error_ = "batch is full (" + std::to_string(max_dispatches_) + " dispatches)";
        return;
    }

    // Hazards against the dispatches since the last barrier: read-after-write,
    // write-after-write and write-after-read on overlapping ranges of one buffer.
    std::array<Access, kMaxBindings> accesses{};
    bool hazard = false;
    for (uint32_t i = 0; i < buffers.size(); ++i) {
        const BufferRange& b = buffers[i];
        const VkDeviceSize end = b.bytes == VK_WHOLE_SIZE ? b.buffer->size() : b.offset + b.bytes;
        accesses[i] = {b.buffer->handle(), b.offset, end, kernel.writes(i)};
        for (const Access& p : pending_) {
            hazard = hazard || (p.buffer == accesses[i].buffer && p.begin < end &&
                                b.offset < p.end && (p.write || accesses[i].write));
        }
    }
    if (hazard) {
        barrier();
    }
    pending_.insert(pending_.end(), accesses.begin(), accesses.begin() + buffers.size());

    VkDescriptorSet set = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = kernel.set_layout();
    VkDescriptorSetAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool_;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &set_layout;
    if (VkResult r = vkAllocateDescriptorSets(ctx_->device(), &alloc, &set); r != VK_SUCCESS) {
        first_error_ = "cannot allocate a descriptor set (" + result_name(r) + ")";
        return;
    }
    std::array<VkDescriptorBufferInfo, kMaxBindings> infos{};
    std::array<VkWriteDescriptorSet, kMaxBindings> writes{};
    for (uint32_t i = 0; i < buffers.size(); ++i) {
        infos[i] = {buffers[i].buffer->handle(), buffers[i].offset, buffers[i].bytes};
        writes[i] = {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(ctx_->device(), static_cast<uint32_t>(buffers.size()), writes.data(), 0,
                           nullptr);

    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.layout(), 0, 1, &set, 0,
                            nullptr);
    if (!push.empty()) {
        vkCmdPushConstants(cmd_, kernel.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                           static_cast<uint32_t>(push.size()), push.data());
    }
    vkCmdDispatch(cmd_, groups[0], groups[1], groups[2]);
    if (profiling_) {
        profiler_->mark(cmd_, kernel.name());
    }
    ++recorded_;
}

Result<void> Batch::rerecord() {
    if (!ended_) {
        return {};
    }
    vkResetCommandBuffer(cmd_, 0);
    ended_ = false;
    return begin();
}

Result<void> Batch::submit_and_wait() {
    if (!first_error_.empty()) {
        Error error{first_error_};
        if (!ended_) {
            vkEndCommandBuffer(cmd_);
        }
        vkResetCommandBuffer(cmd_, 0);
        ended_ = false;
        (void)begin();
        return error;
    }
    if (!ended_) {
        // Make the results visible to the host (the fence alone does not).
        VkMemoryBarrier to_host{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        to_host.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
        to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                             0, 1, &to_host, 0, nullptr, 0, nullptr);
        if (VkResult r = vkEndCommandBuffer(cmd_); r != VK_SUCCESS) {
            return Error{"cannot finish Vulkan commands (" + result_name(r) + ")"};
        }
        ended_ = true;
    }
    VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd_;
    VkResult r = vkQueueSubmit(ctx_->queue(), 1, &submit, fence_);
    if (r == VK_SUCCESS) {
        r = vkWaitForFences(ctx_->device(), 1, &fence_, VK_TRUE, UINT64_MAX);
    }
    vkResetFences(ctx_->device(), 1, &fence_);
    if (r != VK_SUCCESS) {
        vkResetCommandBuffer(cmd_, 0);
        ended_ = false;
        return Error{"Vulkan work failed on " + ctx_->info().name + " (" + result_name(r) + ")"};
    }
    if (profiling_) {
        profiler_->collect();
    }
    if (reusable_) {
        return {}; // kept for the next submission
    }
    vkResetCommandBuffer(cmd_, 0);
    ended_ = false;
    return begin();
}

} // namespace hearth::vk
