#include "vulkan/vk_validation.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>

namespace hearth::vk {

namespace {

constexpr const char* kLayer = "VK_LAYER_KHRONOS_validation";

bool layer_installed() {
    uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::ranges::any_of(
        layers, [](const VkLayerProperties& l) { return std::strcmp(l.layerName, kLayer) == 0; });
}

} // namespace

bool validation_requested_by_environment() {
    const char* env = std::getenv("HEARTH_VK_VALIDATION");
    return env != nullptr && *env != '\0' && std::string_view(env) != "0";
}

Validation::~Validation() {
    detach();
}

Result<void> Validation::prepare_instance(VkInstanceCreateInfo& info) {
    if (!layer_installed()) {
        return Error{"Vulkan validation was asked for, but the layer " + std::string(kLayer) +
                     " is not installed (Debian: vulkan-validationlayers)"};
    }
    layers_.assign(info.ppEnabledLayerNames, info.ppEnabledLayerNames + info.enabledLayerCount);
    layers_.push_back(kLayer);
    extensions_.assign(info.ppEnabledExtensionNames,
                       info.ppEnabledExtensionNames + info.enabledExtensionCount);
    extensions_.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    extensions_.push_back(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME);
    info.enabledLayerCount = static_cast<uint32_t>(layers_.size());
    info.ppEnabledLayerNames = layers_.data();
    info.enabledExtensionCount = static_cast<uint32_t>(extensions_.size());
    info.ppEnabledExtensionNames = extensions_.data();

    // Warnings and errors of every kind; performance warnings included (they name real
    // mistakes such as redundant barriers), information and verbose output not.
    messenger_info_ = {.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messenger_info_.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                      VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messenger_info_.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messenger_info_.pfnUserCallback = &Validation::on_message;
    messenger_info_.pUserData = this;
    enabled_[0] = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
    features_ = {.sType = VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    features_.enabledValidationFeatureCount = 1;
    features_.pEnabledValidationFeatures = enabled_;
    features_.pNext = &messenger_info_;
    messenger_info_.pNext = info.pNext;
    info.pNext = &features_;
    return {};
}

Result<void> Validation::attach(VkInstance instance) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create == nullptr) {
        return Error{"the Vulkan validation layer offers no debug messenger"};
    }
    VkDebugUtilsMessengerCreateInfoEXT info = messenger_info_;
    info.pNext = nullptr;
    if (VkResult r = create(instance, &info, nullptr, &messenger_); r != VK_SUCCESS) {
        return Error{"cannot install the Vulkan validation messenger"};
    }
    instance_ = instance;
    return {};
}

void Validation::detach() {
    if (messenger_ != VK_NULL_HANDLE) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        destroy(instance_, messenger_, nullptr);
        messenger_ = VK_NULL_HANDLE;
    }
    report();
}

void Validation::report() {
    const std::vector<std::string> left = take();
    for (const std::string& message : left) {
        std::fprintf(stderr, "Vulkan validation: %s\n", message.c_str());
    }
    if (!left.empty()) {
        std::fprintf(stderr, "Vulkan validation: %zu message(s) in all\n", left.size());
    }
}

size_t Validation::count() const {
    std::lock_guard lock(mutex_);
    return messages_.size();
}

std::vector<std::string> Validation::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(messages_, {});
}

VkBool32 VKAPI_PTR Validation::on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                          VkDebugUtilsMessageTypeFlagsEXT,
                                          const VkDebugUtilsMessengerCallbackDataEXT* data,
                                          void* self) {
    auto* validation = static_cast<Validation*>(self);
    std::string text =
        severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error: " : "warning: ";
    text += data->pMessage ? data->pMessage : "(no text)";
    std::lock_guard lock(validation->mutex_);
    validation->messages_.push_back(std::move(text));
    return VK_FALSE; // never abort the call: the test counts, the work goes on
}

} // namespace hearth::vk
