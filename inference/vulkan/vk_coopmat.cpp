#include "vulkan/vk_coopmat.h"

#include "shader_interface.h"
#include "vulkan/vk_buffer.h"
#include "vulkan/vk_kernels.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace hearth::vk {

namespace {

// matmul_coopmat.comp's shared memory: the f16 tiles (rows padded by 8 halves) and one
// f32 accumulator per subgroup.
uint32_t shared_bytes(const CoopmatShape& s) {
    const uint32_t bkp = CoopmatMatmul::kStepUnits * HEARTH_UNIT + 8;
    return (CoopmatMatmul::kRows + CoopmatMatmul::kTokens) * bkp * 2 +
           CoopmatMatmul::kSubgroups * s.m * s.n * 4;
}

// A shape tiles the workgroup's output and step, and splits its accumulators evenly.
bool fits(const CoopmatShape& s, const DeviceInfo& info, uint32_t workgroup) {
    const uint32_t bk = CoopmatMatmul::kStepUnits * HEARTH_UNIT;
    if (s.m == 0 || s.n == 0 || s.k == 0 || CoopmatMatmul::kRows % s.m != 0 ||
        CoopmatMatmul::kTokens % s.n != 0 || bk % s.k != 0 || s.k % 8 != 0) {
        return false; // k % 8: loads at multiples of k stay 16-byte aligned
    }
    const uint32_t tiles = (CoopmatMatmul::kRows / s.m) * (CoopmatMatmul::kTokens / s.n);
    return tiles % CoopmatMatmul::kSubgroups == 0 && workgroup <= info.max_workgroup_invocations &&
           shared_bytes(s) <= info.max_shared_memory_bytes;
}

CoopmatMatmul::Mode mode_from_env(CoopmatMatmul::Mode mode) {
    if (mode != CoopmatMatmul::Mode::Auto) {
        return mode;
    }
    const char* env = std::getenv("HEARTH_VK_COOPMAT");
    const std::string_view forced = env ? env : "";
    return forced == "0"   ? CoopmatMatmul::Mode::Off
           : forced == "1" ? CoopmatMatmul::Mode::On
                           : CoopmatMatmul::Mode::Auto;
}

std::string shape_text(const CoopmatShape& s) {
    return std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
}

} // namespace

std::vector<CoopmatShape> coopmat_shapes(const Context& ctx) {
    std::vector<CoopmatShape> shapes;
    if (!ctx.info().features.cooperative_matrix) {
        return shapes;
    }
    auto list = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR>(
        vkGetInstanceProcAddr(ctx.instance(), "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR"));
    uint32_t count = 0;
    if (list == nullptr || list(ctx.physical_device(), &count, nullptr) != VK_SUCCESS) {
        return shapes;
    }
    std::vector<VkCooperativeMatrixPropertiesKHR> props(
        count, {.sType = VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_KHR});
    if (list(ctx.physical_device(), &count, props.data()) != VK_SUCCESS) {
        return shapes;
    }
    for (const VkCooperativeMatrixPropertiesKHR& p : props) {
        if (p.AType == VK_COMPONENT_TYPE_FLOAT16_KHR && p.BType == VK_COMPONENT_TYPE_FLOAT16_KHR &&
            p.CType == VK_COMPONENT_TYPE_FLOAT32_KHR &&
            p.ResultType == VK_COMPONENT_TYPE_FLOAT32_KHR && !p.saturatingAccumulation &&
            p.scope == VK_SCOPE_SUBGROUP_KHR) {
            shapes.push_back({p.MSize, p.NSize, p.KSize});
        }
    }
    return shapes;
}

CoopmatMatmul::Choice CoopmatMatmul::choose(const Context& ctx, Mode mode, float skew) {
    const DeviceInfo& info = ctx.info();
    mode = mode_from_env(mode);
    if (mode == Mode::Off) {
        return {nullptr, "cooperative matrices off (HEARTH_VK_COOPMAT=0)"};
    }
    if (!info.features.cooperative_matrix) {
        return {nullptr, ""}; // nothing to say: the device has none
    }
    if (mode == Mode::Auto && info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
        return {nullptr, "cooperative matrices not used on a CPU device (HEARTH_VK_COOPMAT=1)"};
    }
    // The subgroup count must be exactly kSubgroups: pin the size where the device lets us
    // (full subgroups), else the SPIR-V 1.5 module runs at the device's fixed size.
    const uint32_t subgroup = std::max<uint32_t>(info.subgroup_size, 1);
    const DeviceFeatures& f = info.features;
    const uint32_t pinned = f.subgroup_size_control && subgroup >= f.min_subgroup_size &&
                                    subgroup <= f.max_subgroup_size
                                ? subgroup
                                : 0;
    // The largest block that fits: fewest loads per multiply-add.
    CoopmatShape best;
    for (const CoopmatShape& s : coopmat_shapes(ctx)) {
        if (fits(s, info, kSubgroups * subgroup) &&
            uint64_t(s.m) * s.n * s.k > uint64_t(best.m) * best.n * best.k) {
            best = s;
        }
    }
    if (best.m == 0) {
        return {nullptr, "cooperative matrices: no f16 shape fits the prefill tile"};
    }
    std::unique_ptr<CoopmatMatmul> matmul(new CoopmatMatmul(ctx, best, subgroup, pinned));
    if (std::string failed = matmul->self_check(skew); !failed.empty()) {
        return {nullptr, "cooperative matrices off: " + failed};
    }
    return {std::move(matmul), "prefill on cooperative matrices " + shape_text(best) +
                                   " (f16 inputs, f32 sums; self-check passed)"};
}

Result<const Kernel*> CoopmatMatmul::kernel(GgmlType type) {
    if (auto it = kernels_.find(type); it != kernels_.end()) {
        return &it->second;
    }
    if (!kernel_supports(type)) {
        return Error{"the Vulkan backend cannot multiply " + std::string(type_name(type)) +
                     " weights"};
    }
    const uint32_t specialization[] = {workgroup_, static_cast<uint32_t>(type),
                                       kRows,      kTokens,
                                       kStepUnits, shape_.m,
                                       shape_.n,   shape_.k,
                                       kSubgroups};
    Result<Kernel> kernel = Kernel::create(ctx_, "matmul_coopmat", 4, sizeof(gpu::MatvecPush),
                                           specialization, 1u << 2, subgroup_size_);
    if (!kernel) {
        return kernel.error();
    }
    return &kernels_.emplace(type, std::move(kernel.value())).first->second;
}

// F32 weights and x of quarters and halves in [-1, 1] and [-1.5, 1.5], integer bias and
// residual: every product, partial sum (|sum| <= 144 in steps of 1/8) and result is exact
// in f16 and f32, so the answer must match the host's bit for bit. Ragged in both
// directions (80 rows, 19 tokens against 64 x 64 tiles), three steps over K, x at an
// offset and stride and y at a stride, whose padding must stay untouched.
std::string CoopmatMatmul::self_check(float skew) {
    constexpr uint32_t rows = 80, cols = 96, n = 19, x_offset = 4, x_stride = cols + 4;
    constexpr uint32_t y_stride = rows + 3;
    std::vector<float> w(size_t(rows) * cols), x(size_t(n) * x_stride + x_offset), bias(rows),
        y(size_t(n) * y_stride);
    for (uint32_t r = 0; r < rows; ++r) {
        for (uint32_t c = 0; c < cols; ++c) {
            w[size_t(r) * cols + c] = float(int((r * 7 + c * 3) % 9) - 4) / 4.0f;
        }
        bias[r] = float(int(r % 5) - 2);
    }
    for (uint32_t t = 0; t < n; ++t) {
        for (uint32_t c = 0; c < cols; ++c) {
            x[size_t(t) * x_stride + x_offset + c] = float(int((t * 5 + c * 11) % 7) - 3) / 2.0f;
        }
    }
    for (size_t i = 0; i < y.size(); ++i) {
        y[i] = float(int(i % 11) - 5);
    }
    auto make = [&](const std::vector<float>& values) -> Result<Buffer> {
        Result<Buffer> b =
            Buffer::create(ctx_, values.size() * 4 + 16, Buffer::Memory::HostVisible);
        if (b) {
            std::memcpy(b->mapped().data(), values.data(), values.size() * 4);
        }
        return b;
    };
    Result<Buffer> wb = make(w), xb = make(x), bb = make(bias), yb = make(y);
    Result<Batch> batch = Batch::create(ctx_, 4);
    Result<const Kernel*> k = kernel(GgmlType::F32);
    for (const std::string* e :
         {wb ? nullptr : &wb.error().message, xb ? nullptr : &xb.error().message,
          bb ? nullptr : &bb.error().message, yb ? nullptr : &yb.error().message,
          batch ? nullptr : &batch.error().message, k ? nullptr : &k.error().message}) {
        if (e != nullptr) {
            return "self-check could not run: " + *e;
        }
    }
    const gpu::MatvecPush push{
        cols,     rows,     n, cols * 4, 0,
        x_offset, x_stride, 0, y_stride, HEARTH_MATVEC_BIAS | HEARTH_MATVEC_ACCUMULATE};
    batch->dispatch(**k, {(rows + kRows - 1) / kRows, 1, (n + kTokens - 1) / kTokens}, push,
                    {BufferRange{&*wb}, BufferRange{&*xb}, BufferRange{&*yb}, BufferRange{&*bb}});
    if (Result<void> done = batch->submit_and_wait(); !done) {
        return "self-check failed to run: " + done.error().message;
    }
    std::vector<float> got(y.size());
    std::memcpy(got.data(), yb->mapped().data(), got.size() * 4);
    for (uint32_t t = 0; t < n; ++t) {
        for (uint32_t r = 0; r < y_stride; ++r) {
            const size_t o = size_t(t) * y_stride + r;
            double expected = y[o] + (t == n - 1 && r == rows - 1 ? skew : 0.0);
            if (r < rows) {
                expected += bias[r];
                for (uint32_t c = 0; c < cols; ++c) {
                    expected +=
                        double(w[size_t(r) * cols + c]) * x[size_t(t) * x_stride + x_offset + c];
                }
            }
            if (double(got[o]) != expected) {
                return "self-check mismatch at row " + std::to_string(r) + ", token " +
                       std::to_string(t) + ": " + std::to_string(got[o]) + " instead of " +
                       std::to_string(expected);
            }
        }
    }
    return {};
}

} // namespace hearth::vk
