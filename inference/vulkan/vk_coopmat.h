// The prefill matmul on cooperative matrices (VK_KHR_cooperative_matrix,
// matmul_coopmat.comp): the same product, push constants and bindings as matmul.comp, its
// multiply-adds done a CM x CN x CK block at a time by a subgroup with f16 inputs and f32
// sums, on devices that list such a shape (vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR).
//
// Precision: weights (decoded in f32 as matmul.comp does) and x are rounded to f16, then
// multiplied exactly (11 x 11 significant bits fit f32) and summed in f32 in the device's
// order. Per output, with h = 2^-11 (f16 rounding), s = 2^-25 (half the f16 subnormal
// spacing) and u = 2^-24:
//   |gpu - exact| <= sum_c [(2h + h^2) |w_c x_c| + (1 + h) s (|w_c| + |x_c|) + s^2]
//                    + 2 (cols + 2) u (sum_c |w_c x_c| (1 + h)^2 + |bias| + |y_old|)
//                    + the decoder's term of matmul.comp
// The factor 2 on the additions allows accumulators that truncate instead of rounding
// (tensor units of some GPUs do); the chain of cols + 2 covers any summation order of the
// cols products plus bias and residual. Values beyond f16's range (65504) become infinite:
// a model whose activations reach that must keep the fallback (HEARTH_VK_COOPMAT=0).
//
// When it is used: HEARTH_VK_COOPMAT=0 never, =1 wherever the device has the feature and a
// shape fits (tests run it on lavapipe, Mesa 26.2: tests/reference/mesa-next-root.sh),
// otherwise on GPUs that have both (lavapipe emulates the matrices lane by lane: slower than
// matmul.comp there). Before it is used, a small product with exact answers (values that
// f16 and f32 hold exactly) runs through it; any difference turns it off, and the reason
// goes into Kernels::describe() (and so into the backend description and hearth-cli --raw).
#pragma once

#include "result.h"
#include "tensor/ggml_type.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernel.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hearth::vk {

// One f16 x f16 + f32 -> f32 shape of subgroup scope: A is m x k, B k x n, C m x n.
struct CoopmatShape {
    uint32_t m = 0, n = 0, k = 0;
};

// The shapes of that kind the device lists, in the driver's order (empty without the feature).
std::vector<CoopmatShape> coopmat_shapes(const Context& ctx);

class CoopmatMatmul {
public:
    enum class Mode { Auto, On, Off }; // Auto: HEARTH_VK_COOPMAT, else GPUs with the feature
    struct Choice {
        std::unique_ptr<CoopmatMatmul> matmul; // null: matmul.comp computes the prompts
        std::string note; // why it is off, or the shape it uses; for describe()
    };
    // Picks a shape that tiles BM x BN x BK, builds the F32 pipeline and runs the self-check.
    // skew (tests only) is added to one expected value of the self-check, to see a mismatch
    // turn the path off.
    static Choice choose(const Context& ctx, Mode mode = Mode::Auto, float skew = 0.0f);

    // The pipeline for `type` weights (compiled on first use; as Kernels::matmul).
    Result<const Kernel*> kernel(GgmlType type);
    const CoopmatShape& shape() const { return shape_; }
    // Output tile of a workgroup: kRows rows x kTokens tokens.
    static constexpr uint32_t kRows = 64, kTokens = 64, kStepUnits = 1, kSubgroups = 4;
    uint32_t workgroup() const { return workgroup_; }
    uint32_t subgroup_size() const { return subgroup_size_; } // pinned; 0: the device's fixed one

private:
    CoopmatMatmul(const Context& ctx, CoopmatShape shape, uint32_t subgroup, uint32_t pinned)
        : ctx_(ctx), shape_(shape), workgroup_(kSubgroups * subgroup), subgroup_size_(pinned) {}
    // Empty when the product matched exactly, else what differed.
    std::string self_check(float skew);

    const Context& ctx_;
    CoopmatShape shape_;
    uint32_t workgroup_;
    uint32_t subgroup_size_;
    std::map<GgmlType, Kernel> kernels_;
};

} // namespace hearth::vk
