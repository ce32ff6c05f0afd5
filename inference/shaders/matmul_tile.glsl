// The element type of matmul.comp's and moe_matmul.comp's shared-memory tiles.
//
// Built twice (inference/vulkan/CMakeLists.txt): f32 tiles by default, and with
// HEARTH_F16_TILES defined (the "_f16" variants, for devices with shaderFloat16) f16 tiles,
// half the shared memory per step. Products and sums stay f32 either way: a tile value is
// widened to f32 when read, and the product of two f16 values (11-bit significands) is exact
// in f32 (24 bits). What f16 costs is one rounding of each operand on its way into the tile,
// relative 2^-11 (half an f16 ulp), or 2^-25 absolute below the normal range (subnormals);
// per output y = sum_c w_c x_c that is at most
//   (2 * 2^-11 + 2^-22) sum_c |w_c x_c| + 2^-25 (1 + 2^-11) sum_c (|w_c| + |x_c|) + K 2^-50
// on top of the f32 bound (derived in tests/vulkan/matrix_reference.h, checked by tst_vk_matmul
// and tst_vk_moe).
// Values beyond f16's range (|v| > 65504: activations, in practice) are clamped to it instead
// of becoming infinite (the result is then wrong by the clamped part, but finite).

#ifdef HEARTH_F16_TILES
#define TILE_T float16_t
#define to_tile(v) float16_t(clamp((v), -65504.0, 65504.0))
#else
#define TILE_T float
#define to_tile(v) (v)
#endif
