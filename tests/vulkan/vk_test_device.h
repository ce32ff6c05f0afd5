// Shared by the Vulkan tests: opening the device (skip without one, fail instead when
// HEARTH_REQUIRE_VULKAN=1, as in CI), every weight type the backend reads, and host-visible
// buffers filled from / read into vectors.
#pragma once

#include "tensor/ggml_type.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_context.h"

#include <QTest>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

// Opens the default Vulkan device into `ctx` (a std::unique_ptr<hearth::vk::Context>), or
// skips the test (fails it when HEARTH_REQUIRE_VULKAN=1). Use in initTestCase().
#define HEARTH_OPEN_VULKAN_OR_SKIP(ctx)                                                            \
    do {                                                                                           \
        auto opened = hearth::vk::Context::create();                                               \
        if (!opened) {                                                                             \
            const QByteArray why = QByteArray::fromStdString(opened.error().message);              \
            if (qEnvironmentVariableIntValue("HEARTH_REQUIRE_VULKAN")) {                           \
                QFAIL(why.constData());                                                            \
            }                                                                                      \
            QSKIP(("no Vulkan device: " + why).constData());                                       \
        }                                                                                          \
        ctx = std::move(opened.value());                                                           \
        const hearth::vk::DeviceInfo& info = ctx->info();                                          \
        qInfo("device: %s (%s), subgroup size %u", info.name.c_str(),                              \
              hearth::vk::device_type_name(info.type).c_str(), info.subgroup_size);                \
    } while (false)

namespace hearth::test {

// Every weight type the Vulkan backend reads.
inline constexpr GgmlType kVulkanTypes[] = {
    GgmlType::F32,  GgmlType::F16,    GgmlType::BF16,   GgmlType::Q8_0,
    GgmlType::Q4_0, GgmlType::Q4_1,   GgmlType::Q5_0,   GgmlType::Q5_1,
    GgmlType::Q2_K, GgmlType::Q3_K,   GgmlType::Q4_K,   GgmlType::Q5_K,
    GgmlType::Q6_K, GgmlType::IQ4_NL, GgmlType::IQ4_XS, GgmlType::MXFP4};

// A data function's column "type" (an int) with a row per type of kVulkanTypes.
inline void add_type_rows() {
    QTest::addColumn<int>("type");
    for (GgmlType type : kVulkanTypes) {
        QTest::addRow("%s", type_name(type).data()) << int(type);
    }
}

// A host-visible buffer holding `bytes` at byte `offset` (zeros before and 16 bytes after).
inline vk::Buffer host_buffer(const vk::Context& ctx, std::span<const std::byte> bytes,
                              size_t offset = 0) {
    auto buffer =
        vk::Buffer::create(ctx, offset + bytes.size() + 16, vk::Buffer::Memory::HostVisible);
    if (!buffer) {
        qFatal("%s", buffer.error().message.c_str());
    }
    std::memset(buffer->mapped().data(), 0, buffer->size());
    if (!bytes.empty()) {
        std::memcpy(buffer->mapped().data() + offset, bytes.data(), bytes.size());
    }
    return std::move(buffer.value());
}

template <class T> vk::Buffer host_buffer(const vk::Context& ctx, const std::vector<T>& values) {
    return host_buffer(ctx, std::as_bytes(std::span(values)));
}

template <class T> std::vector<T> read_back(const vk::Buffer& buffer, size_t count) {
    std::vector<T> out(count);
    std::memcpy(out.data(), buffer.mapped().data(), count * sizeof(T));
    return out;
}

} // namespace hearth::test
