// Optional device features the kernels use where a device has them, each with a fallback:
// subgroup size control (reductions pinned to a chosen size, full subgroups), 16-bit storage
// and arithmetic, 8-bit integers and packed 4 x 8-bit integer dot products (the Q8 matvec).
// Queried per physical device; enable_features() chains what vkCreateDevice must enable.
// Cooperative matrices (VK_KHR_cooperative_matrix in compute shaders, with the Vulkan memory
// model their shaders declare) serve the prefill matmul where a usable shape exists
// (vk_coopmat.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>
#include <vulkan/vulkan.h>

namespace hearth::vk {

struct DeviceFeatures {
    // VK_EXT_subgroup_size_control with computeFullSubgroups in compute shaders.
    bool subgroup_size_control = false;
    uint32_t min_subgroup_size = 0, max_subgroup_size = 0; // what a pipeline may require
    uint32_t max_workgroup_subgroups = 0;
    bool storage_16bit = false;      // storageBuffer16BitAccess
    bool float16 = false;            // shaderFloat16
    bool int8 = false;               // shaderInt8
    bool integer_dot = false;        // VK_KHR_shader_integer_dot_product
    bool integer_dot_fast = false;   // its signed 4 x 8-bit packed form is hardware-accelerated
    bool cooperative_matrix = false; // VK_KHR_cooperative_matrix for compute, memory model
};

DeviceFeatures query_features(VkPhysicalDevice device);

// The extensions and feature structs that turn `features` on at vkCreateDevice. Keeps the
// structs alive: `info` must not outlive this object.
class FeatureChain {
public:
    void enable(const DeviceFeatures& features, VkDeviceCreateInfo& info);

private:
    std::vector<const char*> extensions_;
    VkPhysicalDeviceFeatures2 features2_{};
    VkPhysicalDeviceVulkan11Features v11_{};
    VkPhysicalDeviceVulkan12Features v12_{};
    VkPhysicalDeviceSubgroupSizeControlFeaturesEXT size_control_{};
    VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR integer_dot_{};
    VkPhysicalDeviceCooperativeMatrixFeaturesKHR cooperative_matrix_{};
};

} // namespace hearth::vk
