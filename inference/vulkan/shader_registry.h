// SPIR-V of every kernel in inference/shaders/, compiled by glslc at build time and
// embedded in the binary. Names are the shader file names without ".comp"; kernels with a
// shared-memory fallback also exist as "<name>_shmem" (no subgroup operations).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace hearth::vk {

// The SPIR-V words of `name`, or an empty span when no such kernel was built.
std::span<const uint32_t> find_shader(std::string_view name);

std::vector<std::string_view> shader_names();

} // namespace hearth::vk
