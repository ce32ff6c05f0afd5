// The Khronos validation layer for tests and debugging: HEARTH_VK_VALIDATION=1 (or
// ContextOptions) loads VkLayer_khronos_validation with synchronization validation on and
// installs a VK_EXT_debug_utils messenger that keeps every warning and error it reports.
// Messages nobody took are written to stderr, each line starting "Vulkan validation:", when
// the context closes (CTest's validated entries fail on that text).
#pragma once

#include "result.h"

#include <mutex>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace hearth::vk {

// Whether the environment asks for validation (HEARTH_VK_VALIDATION set and not "0").
bool validation_requested_by_environment();

class Validation {
public:
    Validation() = default;
    Validation(const Validation&) = delete;
    Validation& operator=(const Validation&) = delete;
    ~Validation();

    // Checks that the layer is installed; fills what vkCreateInstance needs to load it:
    // the layer, VK_EXT_debug_utils and VK_EXT_validation_features, chained into `info`
    // (which must not be used after this object is moved or destroyed).
    Result<void> prepare_instance(VkInstanceCreateInfo& info);
    // Creates the messenger on the new instance (messages of vkCreateInstance itself come
    // through the create info chained by prepare_instance).
    Result<void> attach(VkInstance instance);
    // Destroys the messenger; call before vkDestroyInstance. Reports untaken messages.
    void detach();

    // Messages so far, and taking them (tests that provoke one on purpose).
    size_t count() const;
    std::vector<std::string> take();

private:
    static VkBool32 VKAPI_PTR on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                         VkDebugUtilsMessageTypeFlagsEXT types,
                                         const VkDebugUtilsMessengerCallbackDataEXT* data,
                                         void* self);
    void report();

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerCreateInfoEXT messenger_info_{};
    VkValidationFeaturesEXT features_{};
    VkValidationFeatureEnableEXT enabled_[1] = {};
    std::vector<const char*> layers_, extensions_;
    mutable std::mutex mutex_;
    std::vector<std::string> messages_;
};

} // namespace hearth::vk
