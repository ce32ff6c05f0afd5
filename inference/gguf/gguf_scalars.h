// Decoding of packed GGUF scalars, shared by the parser and the value accessors.
#pragma once

#include "gguf/gguf_file.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace hearth::gguf::detail {

// Bytes of one packed element of a scalar type; 0 for String and Array.
inline uint64_t scalar_size(ValueType type) {
    switch (type) {
    case ValueType::U8:
    case ValueType::I8:
    case ValueType::Bool:
        return 1;
    case ValueType::U16:
    case ValueType::I16:
        return 2;
    case ValueType::U32:
    case ValueType::I32:
    case ValueType::F32:
        return 4;
    case ValueType::U64:
    case ValueType::I64:
    case ValueType::F64:
        return 8;
    case ValueType::String:
    case ValueType::Array:
        return 0;
    }
    return 0;
}

inline uint64_t load_le(const std::byte* p, uint64_t size) {
    uint64_t v = 0;
    std::memcpy(&v, p, size); // little-endian host assumed (checked in parse)
    return v;
}

inline int64_t sign_extend(uint64_t bits, uint64_t size) {
    const unsigned shift = static_cast<unsigned>(64 - 8 * size);
    return static_cast<int64_t>(bits << shift) >> shift;
}

inline bool is_signed(ValueType t) {
    return t == ValueType::I8 || t == ValueType::I16 || t == ValueType::I32 || t == ValueType::I64;
}

inline bool is_integer(ValueType t) {
    return is_signed(t) || t == ValueType::U8 || t == ValueType::U16 || t == ValueType::U32 ||
           t == ValueType::U64;
}

// Number of an element of a scalar type, as double.
inline double scalar_as_double(ValueType t, uint64_t bits) {
    switch (t) {
    case ValueType::F32:
        return std::bit_cast<float>(static_cast<uint32_t>(bits));
    case ValueType::F64:
        return std::bit_cast<double>(bits);
    default:
        return is_signed(t) ? double(sign_extend(bits, scalar_size(t))) : double(bits);
    }
}

} // namespace hearth::gguf::detail
