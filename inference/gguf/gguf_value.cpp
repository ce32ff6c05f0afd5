// Typed access to GGUF metadata values.
#include "gguf/gguf_file.h"
#include "gguf/gguf_scalars.h"

namespace hearth::gguf {

using namespace detail;

std::string_view value_type_name(ValueType type) {
    switch (type) {
    case ValueType::U8:
        return "u8";
    case ValueType::I8:
        return "i8";
    case ValueType::U16:
        return "u16";
    case ValueType::I16:
        return "i16";
    case ValueType::U32:
        return "u32";
    case ValueType::I32:
        return "i32";
    case ValueType::F32:
        return "f32";
    case ValueType::Bool:
        return "bool";
    case ValueType::String:
        return "string";
    case ValueType::Array:
        return "array";
    case ValueType::U64:
        return "u64";
    case ValueType::I64:
        return "i64";
    case ValueType::F64:
        return "f64";
    }
    return "unknown";
}

std::optional<uint64_t> Value::as_uint() const {
    if (type == ValueType::Bool || (is_integer(type) && !is_signed(type))) {
        return bits;
    }
    if (is_signed(type)) {
        const int64_t v = sign_extend(bits, scalar_size(type));
        return v < 0 ? std::nullopt : std::optional<uint64_t>(uint64_t(v));
    }
    return std::nullopt;
}

std::optional<int64_t> Value::as_int() const {
    if (is_signed(type)) {
        return sign_extend(bits, scalar_size(type));
    }
    if (type == ValueType::Bool || (is_integer(type) && bits <= uint64_t(INT64_MAX))) {
        return int64_t(bits);
    }
    return std::nullopt;
}

std::optional<double> Value::as_float() const {
    if (type == ValueType::F32 || type == ValueType::F64 || is_integer(type)) {
        return scalar_as_double(type, bits);
    }
    return std::nullopt;
}

std::optional<bool> Value::as_bool() const {
    if (type == ValueType::Bool) {
        return bits != 0;
    }
    return std::nullopt;
}

std::optional<std::string_view> Value::as_string() const {
    if (type == ValueType::String) {
        return text;
    }
    return std::nullopt;
}

std::vector<std::string_view> Value::strings() const {
    std::vector<std::string_view> out;
    if (!is_array_of(ValueType::String)) {
        return out;
    }
    out.reserve(count);
    const std::byte* p = packed.data();
    for (uint64_t i = 0; i < count; ++i) { // lengths were validated while parsing
        const uint64_t length = load_le(p, 8);
        out.emplace_back(reinterpret_cast<const char*>(p + 8), length);
        p += 8 + length;
    }
    return out;
}

std::vector<double> Value::floats() const {
    std::vector<double> out;
    const uint64_t size = scalar_size(element_type);
    if (type != ValueType::Array || size == 0 || element_type == ValueType::Bool) {
        return out;
    }
    out.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        out.push_back(scalar_as_double(element_type, load_le(packed.data() + i * size, size)));
    }
    return out;
}

std::vector<int64_t> Value::ints() const {
    std::vector<int64_t> out;
    const uint64_t size = scalar_size(element_type);
    if (type != ValueType::Array || !is_integer(element_type)) {
        return out;
    }
    out.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        const uint64_t bits = load_le(packed.data() + i * size, size);
        out.push_back(is_signed(element_type) ? sign_extend(bits, size) : int64_t(bits));
    }
    return out;
}

} // namespace hearth::gguf
