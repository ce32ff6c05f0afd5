// The Vulkan instance, the chosen physical device and its logical device with one compute
// queue. Device choice: HEARTH_VK_DEVICE=<index|name substring> if set, otherwise
// discrete > integrated > virtual > CPU (lavapipe only when nothing else exists).
#pragma once

#include "result.h"
#include "vulkan/vk_features.h"
#include "vulkan/vk_validation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace hearth::vk {

struct DeviceInfo {
    uint32_t index = 0; // position in vkEnumeratePhysicalDevices order
    std::string name;
    std::string driver;
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    uint64_t device_local_bytes = 0;
    uint32_t subgroup_size = 0;
    uint32_t min_subgroup_size = 0;   // smallest a shader may get (devices that vary it)
    bool subgroup_arithmetic = false; // in compute shaders
    bool fp16_arithmetic = false;
    bool int8_arithmetic = false;
    uint32_t max_storage_buffer_range = 0;
    uint32_t min_storage_offset_alignment = 16; // of a binding's offset, a power of two
    uint64_t max_allocation_bytes = 0;
    uint32_t max_shared_memory_bytes = 0;
    uint32_t max_workgroup_invocations = 0;
    uint32_t max_workgroup_count_x = 65535; // also y and z: at least 65535 everywhere
    DeviceFeatures features;                // optional features, enabled on the device when present
};

std::string device_type_name(VkPhysicalDeviceType type);

// Picks from `devices` by `selector` (index or case-insensitive name substring; empty:
// by type preference). Returns the position in `devices` or an error naming the choices.
Result<size_t> choose_device(const std::vector<DeviceInfo>& devices, const std::string& selector);

class Context {
public:
    // Creates instance and device; `selector` overrides HEARTH_VK_DEVICE when non-empty.
    // `validate` (or HEARTH_VK_VALIDATION=1) loads the Khronos validation layer.
    static Result<std::unique_ptr<Context>> create(const std::string& selector = {},
                                                   bool validate = false);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    const DeviceInfo& info() const { return info_; }
    // The validation layer's messages (nullptr when not validating).
    Validation* validation() const { return validation_.get(); }
    const std::vector<DeviceInfo>& all_devices() const { return all_devices_; }
    // For extension functions looked up with vkGetInstanceProcAddr (vk_coopmat.cpp).
    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physical_device() const { return physical_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    uint32_t queue_family() const { return queue_family_; }
    VkCommandPool command_pool() const { return command_pool_; }

    // A memory type index with all of `required` flags among `type_bits`, or an error.
    Result<uint32_t> find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required) const;

    // Device-local bytes this process may still allocate (vk_memory_budget.cpp): the largest
    // device-local heap's budget minus what this process uses of it, from VK_EXT_memory_budget
    // where the driver has it (lavapipe and every desktop driver do), else that heap's size.
    uint64_t memory_budget() const;
    // Whether device-local memory can be mapped and written by the host at full speed: an
    // integrated GPU or the CPU (lavapipe) with a device-local, host-visible, coherent
    // memory type. Weights are then written in place, without a staging copy.
    bool unified_memory() const;

    // The pipeline cache every Kernel of this context is compiled through. Loading a file
    // written by save_pipeline_cache replaces the cache; a missing file, or one from another
    // device or driver version (its header says), is ignored. Call before creating kernels.
    VkPipelineCache pipeline_cache() const { return pipeline_cache_; }
    Result<void> load_pipeline_cache(const std::string& path);
    // Writes the cache atomically (a temporary file renamed over `path`).
    Result<void> save_pipeline_cache(const std::string& path) const;

private:
    Context() = default;

    std::unique_ptr<Validation> validation_; // outlives the instance: its messages come last
    VkInstance instance_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    uint32_t queue_family_ = 0;
    VkCommandPool command_pool_ = VK_NULL_HANDLE;
    VkPipelineCache pipeline_cache_ = VK_NULL_HANDLE;
    VkPhysicalDeviceMemoryProperties memory_{};
    DeviceInfo info_;
    std::vector<DeviceInfo> all_devices_;
};

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" style name of a VkResult, for error messages.
std::string result_name(VkResult result);

} // namespace hearth::vk
