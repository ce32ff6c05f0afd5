#include "vulkan/vk_features.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace hearth::vk {

namespace {

bool has_extension(const std::vector<VkExtensionProperties>& all, const char* name) {
    return std::ranges::any_of(all, [&](const VkExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
    });
}

} // namespace

DeviceFeatures query_features(VkPhysicalDevice device) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
    const bool size_control_ext =
        has_extension(extensions, VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
    const bool integer_dot_ext =
        has_extension(extensions, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
    const bool coopmat_ext = has_extension(extensions, VK_KHR_COOPERATIVE_MATRIX_EXTENSION_NAME);

    // Structs of extensions the device lacks must stay out of the chains.
    VkPhysicalDeviceVulkan11Features v11{.sType =
                                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    VkPhysicalDeviceVulkan12Features v12{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, .pNext = &v11};
    VkPhysicalDeviceSubgroupSizeControlFeaturesEXT size_control{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT};
    VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR integer_dot{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR};
    VkPhysicalDeviceFeatures2 features{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                       .pNext = &v12};
    VkPhysicalDeviceSubgroupSizeControlPropertiesEXT size_props{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES_EXT};
    VkPhysicalDeviceShaderIntegerDotProductPropertiesKHR dot_props{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES_KHR};
    VkPhysicalDeviceCooperativeMatrixFeaturesKHR coopmat{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_KHR};
    VkPhysicalDeviceCooperativeMatrixPropertiesKHR coopmat_props{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_PROPERTIES_KHR};
    VkPhysicalDeviceProperties2 props{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    if (size_control_ext) {
        size_control.pNext = features.pNext;
        features.pNext = &size_control;
        size_props.pNext = props.pNext;
        props.pNext = &size_props;
    }
    if (integer_dot_ext) {
        integer_dot.pNext = features.pNext;
        features.pNext = &integer_dot;
        dot_props.pNext = props.pNext;
        props.pNext = &dot_props;
    }
    if (coopmat_ext) {
        coopmat.pNext = features.pNext;
        features.pNext = &coopmat;
        coopmat_props.pNext = props.pNext;
        props.pNext = &coopmat_props;
    }
    vkGetPhysicalDeviceFeatures2(device, &features);
    vkGetPhysicalDeviceProperties2(device, &props);

    DeviceFeatures f;
    f.subgroup_size_control = size_control_ext && size_control.subgroupSizeControl &&
                              size_control.computeFullSubgroups &&
                              (size_props.requiredSubgroupSizeStages & VK_SHADER_STAGE_COMPUTE_BIT);
    if (f.subgroup_size_control) {
        f.min_subgroup_size = size_props.minSubgroupSize;
        f.max_subgroup_size = size_props.maxSubgroupSize;
        f.max_workgroup_subgroups = size_props.maxComputeWorkgroupSubgroups;
    }
    f.storage_16bit = v11.storageBuffer16BitAccess;
    f.float16 = v12.shaderFloat16;
    f.int8 = v12.shaderInt8;
    f.integer_dot = integer_dot_ext && integer_dot.shaderIntegerDotProduct;
    f.integer_dot_fast = f.integer_dot && dot_props.integerDotProduct4x8BitPackedSignedAccelerated;
    // The shaders also declare the Vulkan memory model and f16 arithmetic (matmul_coopmat.comp).
    // With the memory model on, the other kernels' device-scope atomics need its device
    // scope too (the validation layer checks every shader module against the enabled model).
    f.cooperative_matrix =
        coopmat_ext && coopmat.cooperativeMatrix && v12.vulkanMemoryModel &&
        v12.vulkanMemoryModelDeviceScope && v12.shaderFloat16 &&
        (coopmat_props.cooperativeMatrixSupportedStages & VK_SHADER_STAGE_COMPUTE_BIT);
    return f;
}

void FeatureChain::enable(const DeviceFeatures& f, VkDeviceCreateInfo& info) {
    v11_ = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    v11_.storageBuffer16BitAccess = f.storage_16bit;
    v12_ = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, .pNext = &v11_};
    v12_.shaderFloat16 = f.float16;
    v12_.shaderInt8 = f.int8;
    v12_.vulkanMemoryModel = f.cooperative_matrix;
    v12_.vulkanMemoryModelDeviceScope = f.cooperative_matrix;
    features2_ = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, .pNext = &v12_};
    extensions_.assign(info.ppEnabledExtensionNames,
                       info.ppEnabledExtensionNames + info.enabledExtensionCount);
    if (f.subgroup_size_control) {
        extensions_.push_back(VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
        size_control_ = {.sType =
                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT,
                         .pNext = features2_.pNext};
        size_control_.subgroupSizeControl = VK_TRUE;
        size_control_.computeFullSubgroups = VK_TRUE;
        features2_.pNext = &size_control_;
    }
    if (f.integer_dot) {
        extensions_.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
        integer_dot_ = {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR,
            .pNext = features2_.pNext};
        integer_dot_.shaderIntegerDotProduct = VK_TRUE;
        features2_.pNext = &integer_dot_;
    }
    if (f.cooperative_matrix) {
        extensions_.push_back(VK_KHR_COOPERATIVE_MATRIX_EXTENSION_NAME);
        cooperative_matrix_ = {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_KHR,
            .pNext = features2_.pNext};
        cooperative_matrix_.cooperativeMatrix = VK_TRUE;
        features2_.pNext = &cooperative_matrix_;
    }
    // Whatever the caller chained stays after ours; pEnabledFeatures must then be null.
    v11_.pNext = const_cast<void*>(info.pNext);
    info.pNext = &features2_;
    info.pEnabledFeatures = nullptr;
    info.enabledExtensionCount = static_cast<uint32_t>(extensions_.size());
    info.ppEnabledExtensionNames = extensions_.data();
}

} // namespace hearth::vk
