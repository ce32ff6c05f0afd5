// The memory questions of partial offload and of the upload path, kept apart from device
// creation: how much device-local memory is left for this process, and whether the device
// shares the host's memory.
#include "vulkan/vk_context.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace hearth::vk {

namespace {

bool has_extension(VkPhysicalDevice device, const char* name) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
    return std::ranges::any_of(extensions, [&](const VkExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
    });
}

} // namespace

uint64_t Context::memory_budget() const {
    // A physical-device query: the extension must be supported, not enabled on the device.
    VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
    VkPhysicalDeviceMemoryProperties2 props{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
    const bool reported = has_extension(physical_, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    if (reported) {
        props.pNext = &budget;
    }
    vkGetPhysicalDeviceMemoryProperties2(physical_, &props);
    const VkPhysicalDeviceMemoryProperties& memory = props.memoryProperties;
    // The largest device-local heap holds the weights (a discrete card's VRAM, not its small
    // host-visible window).
    uint64_t best_size = 0, best_free = 0;
    for (uint32_t i = 0; i < memory.memoryHeapCount; ++i) {
        const VkMemoryHeap& heap = memory.memoryHeaps[i];
        if ((heap.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) == 0 || heap.size <= best_size) {
            continue;
        }
        best_size = heap.size;
        best_free = heap.size;
        if (reported && budget.heapBudget[i] > 0) {
            best_free = budget.heapBudget[i] > budget.heapUsage[i]
                            ? budget.heapBudget[i] - budget.heapUsage[i]
                            : 0;
        }
    }
    return best_free;
}

bool Context::unified_memory() const {
    if (info_.type != VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU &&
        info_.type != VK_PHYSICAL_DEVICE_TYPE_CPU) {
        return false; // a discrete card's mappable VRAM is written across the bus: stage
    }
    const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT |
                                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                         VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
        if ((memory_.memoryTypes[i].propertyFlags & wanted) == wanted) {
            return true;
        }
    }
    return false;
}

} // namespace hearth::vk
