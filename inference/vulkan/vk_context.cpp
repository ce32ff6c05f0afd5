#include "vulkan/vk_context.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace hearth::vk {

namespace {

constexpr uint32_t kApiVersion = VK_API_VERSION_1_2;

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

int type_rank(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return 3;
    default:
        return 4;
    }
}

DeviceInfo describe(VkPhysicalDevice device, uint32_t index) {
    VkPhysicalDeviceDriverProperties driver{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceMaintenance3Properties maintenance3{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES, .pNext = &driver};
    VkPhysicalDeviceSubgroupProperties subgroup{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES, .pNext = &maintenance3};
    VkPhysicalDeviceProperties2 props{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
                                      .pNext = &subgroup};
    // Vulkan 1.3 devices may vary their subgroup size; they say between what bounds.
    VkPhysicalDeviceSubgroupSizeControlProperties size_control{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES};
    VkPhysicalDeviceProperties basic;
    vkGetPhysicalDeviceProperties(device, &basic);
    if (basic.apiVersion >= VK_API_VERSION_1_3) {
        size_control.pNext = props.pNext;
        props.pNext = &size_control;
    }
    vkGetPhysicalDeviceProperties2(device, &props);

    VkPhysicalDeviceVulkan12Features features12{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    VkPhysicalDeviceFeatures2 features{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                       .pNext = &features12};
    vkGetPhysicalDeviceFeatures2(device, &features);

    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(device, &memory);

    DeviceInfo info;
    info.index = index;
    info.name = props.properties.deviceName;
    info.driver = std::string(driver.driverName) + " " + driver.driverInfo;
    info.type = props.properties.deviceType;
    for (uint32_t i = 0; i < memory.memoryHeapCount; ++i) {
        if (memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
            info.device_local_bytes += memory.memoryHeaps[i].size;
        }
    }
    info.subgroup_size = subgroup.subgroupSize;
    info.min_subgroup_size = size_control.minSubgroupSize
                                 ? std::min(size_control.minSubgroupSize, subgroup.subgroupSize)
                                 : subgroup.subgroupSize;
    info.subgroup_arithmetic = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                               (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
    info.fp16_arithmetic = features12.shaderFloat16;
    info.int8_arithmetic = features12.shaderInt8;
    const VkPhysicalDeviceLimits& limits = props.properties.limits;
    info.max_storage_buffer_range = limits.maxStorageBufferRange;
    info.min_storage_offset_alignment =
        static_cast<uint32_t>(std::max<VkDeviceSize>(limits.minStorageBufferOffsetAlignment, 4));
    info.max_allocation_bytes = maintenance3.maxMemoryAllocationSize;
    info.max_shared_memory_bytes = limits.maxComputeSharedMemorySize;
    info.max_workgroup_invocations = limits.maxComputeWorkGroupInvocations;
    info.max_workgroup_count_x =
        std::min({limits.maxComputeWorkGroupCount[0], limits.maxComputeWorkGroupCount[1],
                  limits.maxComputeWorkGroupCount[2]});
    info.features = query_features(device);
    return info;
}

} // namespace

std::string device_type_name(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return "CPU";
    default:
        return "other";
    }
}

Result<size_t> choose_device(const std::vector<DeviceInfo>& devices, const std::string& selector) {
    if (devices.empty()) {
        return Error{"no Vulkan device supporting Vulkan 1.2 was found"};
    }
    if (selector.empty()) {
        auto best = std::ranges::min_element(devices, {},
                                             [](const DeviceInfo& d) { return type_rank(d.type); });
        return static_cast<size_t>(best - devices.begin());
    }
    size_t index = 0;
    auto [end, ec] = std::from_chars(selector.data(), selector.data() + selector.size(), index);
    bool numeric = ec == std::errc{} && end == selector.data() + selector.size();
    for (size_t i = 0; i < devices.size(); ++i) {
        bool match = numeric ? devices[i].index == index
                             : lower(devices[i].name).find(lower(selector)) != std::string::npos;
        if (match) {
            return i;
        }
    }
    std::string names;
    for (const DeviceInfo& d : devices) {
        names += (names.empty() ? "" : ", ") + std::to_string(d.index) + ": " + d.name;
    }
    return Error{"no Vulkan device matches \"" + selector + "\" (found " + names + ")"};
}

Result<std::unique_ptr<Context>> Context::create(const std::string& selector, bool validate) {
    std::unique_ptr<Context> ctx(new Context);

    VkApplicationInfo app{.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "Hearth";
    app.pEngineName = "Hearth";
    app.apiVersion = kApiVersion;
    VkInstanceCreateInfo instance_info{.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    instance_info.pApplicationInfo = &app;
    if (validate || validation_requested_by_environment()) {
        ctx->validation_ = std::make_unique<Validation>();
        if (Result<void> ok = ctx->validation_->prepare_instance(instance_info); !ok) {
            return ok.error();
        }
    }
    if (VkResult r = vkCreateInstance(&instance_info, nullptr, &ctx->instance_); r != VK_SUCCESS) {
        return Error{"cannot start Vulkan (" + result_name(r) + "); is a Vulkan driver installed?"};
    }
    if (ctx->validation_) {
        if (Result<void> ok = ctx->validation_->attach(ctx->instance_); !ok) {
            return ok.error();
        }
    }

    uint32_t count = 0;
    vkEnumeratePhysicalDevices(ctx->instance_, &count, nullptr);
    std::vector<VkPhysicalDevice> physical(count);
    vkEnumeratePhysicalDevices(ctx->instance_, &count, physical.data());
    std::vector<VkPhysicalDevice> usable;
    for (uint32_t i = 0; i < count; ++i) {
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(physical[i], &props);
        if (props.apiVersion >= kApiVersion) {
            ctx->all_devices_.push_back(describe(physical[i], i));
            usable.push_back(physical[i]);
        }
    }

    std::string wanted = selector;
    if (wanted.empty()) {
        if (const char* env = std::getenv("HEARTH_VK_DEVICE")) {
            wanted = env;
        }
    }
    Result<size_t> chosen = choose_device(ctx->all_devices_, wanted);
    if (!chosen) {
        return chosen.error();
    }
    ctx->info_ = ctx->all_devices_[*chosen];
    ctx->physical_ = usable[*chosen];
    vkGetPhysicalDeviceMemoryProperties(ctx->physical_, &ctx->memory_);

    uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(ctx->physical_, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(ctx->physical_, &family_count, families.data());
    auto compute = std::ranges::find_if(families, [](const VkQueueFamilyProperties& f) {
        return (f.queueFlags & VK_QUEUE_COMPUTE_BIT) != 0;
    });
    if (compute == families.end()) {
        return Error{"Vulkan device " + ctx->info_.name + " has no compute queue"};
    }
    ctx->queue_family_ = static_cast<uint32_t>(compute - families.begin());

    float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = ctx->queue_family_;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    FeatureChain features; // the kernels' optional features (vk_features.h)
    features.enable(ctx->info_.features, device_info);
    if (VkResult r = vkCreateDevice(ctx->physical_, &device_info, nullptr, &ctx->device_);
        r != VK_SUCCESS) {
        return Error{"cannot open Vulkan device " + ctx->info_.name + " (" + result_name(r) + ")"};
    }
    vkGetDeviceQueue(ctx->device_, ctx->queue_family_, 0, &ctx->queue_);

    VkCommandPoolCreateInfo pool_info{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool_info.queueFamilyIndex = ctx->queue_family_;
    if (VkResult r = vkCreateCommandPool(ctx->device_, &pool_info, nullptr, &ctx->command_pool_);
        r != VK_SUCCESS) {
        return Error{"cannot create a Vulkan command pool (" + result_name(r) + ")"};
    }
    VkPipelineCacheCreateInfo cache_info{.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    if (VkResult r =
            vkCreatePipelineCache(ctx->device_, &cache_info, nullptr, &ctx->pipeline_cache_);
        r != VK_SUCCESS) {
        return Error{"cannot create a Vulkan pipeline cache (" + result_name(r) + ")"};
    }
    return ctx;
}

Context::~Context() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
        vkDestroyCommandPool(device_, command_pool_, nullptr);
        vkDestroyDevice(device_, nullptr);
    }
    if (validation_) {
        validation_->detach(); // the messenger goes before the instance
    }
    if (instance_) {
        vkDestroyInstance(instance_, nullptr);
    }
}

Result<uint32_t> Context::find_memory_type(uint32_t type_bits,
                                           VkMemoryPropertyFlags required) const {
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
        if ((type_bits & (1u << i)) &&
            (memory_.memoryTypes[i].propertyFlags & required) == required) {
            return i;
        }
    }
    return Error{"Vulkan device " + info_.name + " has no suitable memory type"};
}

Result<void> Context::load_pipeline_cache(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {}; // first start: nothing cached yet
    }
    const std::vector<char> data{std::istreambuf_iterator<char>(in),
                                 std::istreambuf_iterator<char>()};
    // Only data this device wrote may be handed to the driver (anything else is undefined
    // behaviour, not an error): check the header (VkPipelineCacheHeaderVersionOne) first and
    // start empty when it is from another device, driver version or no cache at all.
    VkPipelineCacheHeaderVersionOne header{};
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(physical_, &props);
    if (data.size() >= sizeof(header)) {
        std::memcpy(&header, data.data(), sizeof(header));
    }
    if (data.size() < sizeof(header) || header.headerSize < sizeof(header) ||
        header.headerVersion != VK_PIPELINE_CACHE_HEADER_VERSION_ONE ||
        header.vendorID != props.vendorID || header.deviceID != props.deviceID ||
        std::memcmp(header.pipelineCacheUUID, props.pipelineCacheUUID, VK_UUID_SIZE) != 0) {
        return {};
    }
    VkPipelineCacheCreateInfo info{.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    info.initialDataSize = data.size();
    info.pInitialData = data.data();
    VkPipelineCache loaded = VK_NULL_HANDLE;
    if (VkResult r = vkCreatePipelineCache(device_, &info, nullptr, &loaded); r != VK_SUCCESS) {
        return Error{"cannot load the pipeline cache " + path + " (" + result_name(r) + ")"};
    }
    vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
    pipeline_cache_ = loaded;
    return {};
}

Result<void> Context::save_pipeline_cache(const std::string& path) const {
    size_t size = 0;
    if (VkResult r = vkGetPipelineCacheData(device_, pipeline_cache_, &size, nullptr);
        r != VK_SUCCESS) {
        return Error{"cannot read the pipeline cache (" + result_name(r) + ")"};
    }
    std::vector<char> data(size);
    if (VkResult r = vkGetPipelineCacheData(device_, pipeline_cache_, &size, data.data());
        r != VK_SUCCESS && r != VK_INCOMPLETE) {
        return Error{"cannot read the pipeline cache (" + result_name(r) + ")"};
    }
    data.resize(size);
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out.flush()) {
            return Error{"cannot write the pipeline cache " + temporary};
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        return Error{"cannot write the pipeline cache " + path + " (" + ec.message() + ")"};
    }
    return {};
}

std::string result_name(VkResult result) {
    switch (result) {
    case VK_SUCCESS:
        return "VK_SUCCESS";
    case VK_ERROR_OUT_OF_HOST_MEMORY:
        return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
        return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED:
        return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST:
        return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_INCOMPATIBLE_DRIVER:
        return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FEATURE_NOT_PRESENT:
        return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT:
        return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_TIMEOUT:
        return "VK_TIMEOUT";
    default:
        return "VkResult " + std::to_string(static_cast<int>(result));
    }
}

} // namespace hearth::vk
