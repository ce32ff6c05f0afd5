#include "gguf_writer.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace hearth::test {

namespace {

constexpr uint32_t kU16 = 2, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9,
                   kU64 = 10;

template <class T> void put(std::vector<std::byte>& out, T v) {
    const auto* p = reinterpret_cast<const std::byte*>(&v);
    out.insert(out.end(), p, p + sizeof(T));
}

uint64_t alignment_of(const std::vector<std::byte>& payload) {
    uint32_t v;
    std::memcpy(&v, payload.data(), 4);
    return v;
}

} // namespace

void put_u32(std::vector<std::byte>& out, uint32_t v) {
    put(out, v);
}
void put_u64(std::vector<std::byte>& out, uint64_t v) {
    put(out, v);
}
void put_string(std::vector<std::byte>& out, const std::string& s) {
    put<uint64_t>(out, s.size());
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    out.insert(out.end(), p, p + s.size());
}

void GgufWriter::set_raw(const std::string& key, uint32_t type, std::vector<std::byte> payload) {
    for (Entry& e : metadata_) {
        if (e.key == key) {
            e.type = type;
            e.payload = std::move(payload);
            return;
        }
    }
    metadata_.push_back({key, type, std::move(payload)});
}

void GgufWriter::set_u16(const std::string& key, uint16_t v) {
    std::vector<std::byte> p;
    put(p, v);
    set_raw(key, kU16, p);
}

void GgufWriter::set_u32(const std::string& key, uint32_t v) {
    std::vector<std::byte> p;
    put(p, v);
    set_raw(key, kU32, p);
}

void GgufWriter::set_i32(const std::string& key, int32_t v) {
    std::vector<std::byte> p;
    put(p, v);
    set_raw(key, kI32, p);
}

void GgufWriter::set_u64(const std::string& key, uint64_t v) {
    std::vector<std::byte> p;
    put(p, v);
    set_raw(key, kU64, p);
}

void GgufWriter::set_f32(const std::string& key, float v) {
    std::vector<std::byte> p;
    put(p, v);
    set_raw(key, kF32, p);
}

void GgufWriter::set_bool(const std::string& key, bool v) {
    set_raw(key, kBool, {std::byte(v ? 1 : 0)});
}

void GgufWriter::set_string(const std::string& key, const std::string& v) {
    std::vector<std::byte> p;
    put_string(p, v);
    set_raw(key, kString, p);
}

void GgufWriter::set_strings(const std::string& key, const std::vector<std::string>& v) {
    std::vector<std::byte> p;
    put(p, kString);
    put<uint64_t>(p, v.size());
    for (const std::string& s : v) {
        put_string(p, s);
    }
    set_raw(key, kArray, p);
}

void GgufWriter::set_f32s(const std::string& key, const std::vector<float>& v) {
    std::vector<std::byte> p;
    put(p, kF32);
    put<uint64_t>(p, v.size());
    for (float f : v) {
        put(p, f);
    }
    set_raw(key, kArray, p);
}

void GgufWriter::set_i32s(const std::string& key, const std::vector<int32_t>& v) {
    std::vector<std::byte> p;
    put(p, kI32);
    put<uint64_t>(p, v.size());
    for (int32_t i : v) {
        put(p, i);
    }
    set_raw(key, kArray, p);
}

void GgufWriter::copy(const std::string& key, const gguf::Value& value) {
    std::vector<std::byte> p;
    switch (value.type) {
    case gguf::ValueType::String:
        put_string(p, std::string(value.text));
        break;
    case gguf::ValueType::Array:
        put(p, static_cast<uint32_t>(value.element_type));
        put<uint64_t>(p, value.count);
        p.insert(p.end(), value.packed.begin(), value.packed.end());
        break;
    default: {
        static constexpr uint64_t kSizes[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
        const auto* bits = reinterpret_cast<const std::byte*>(&value.bits);
        p.insert(p.end(), bits, bits + kSizes[static_cast<uint32_t>(value.type)]);
    }
    }
    set_raw(key, static_cast<uint32_t>(value.type), p);
}

void GgufWriter::copy_prefix(const gguf::File& from, const std::string& prefix) {
    for (const auto& [key, value] : from.metadata()) {
        if (key.starts_with(prefix)) {
            copy(std::string(key), value);
        }
    }
}

void GgufWriter::add_tensor(const std::string& name, GgmlType type, std::vector<uint64_t> ne,
                            std::vector<std::byte> data) {
    tensors_.push_back({name, type, std::move(ne), std::move(data)});
}

std::vector<std::byte> GgufWriter::serialize(uint32_t version) const {
    uint64_t alignment = 32;
    for (const Entry& e : metadata_) {
        if (e.key == "general.alignment" && e.type == kU32) {
            alignment = alignment_of(e.payload);
        }
    }
    std::vector<std::byte> out;
    put_u32(out, 0x46554747);
    put_u32(out, version);
    put_u64(out, tensors_.size());
    put_u64(out, metadata_.size());
    for (const Entry& e : metadata_) {
        put_string(out, e.key);
        put_u32(out, e.type);
        out.insert(out.end(), e.payload.begin(), e.payload.end());
    }
    uint64_t offset = 0;
    for (const Tensor& t : tensors_) {
        put_string(out, t.name);
        put_u32(out, static_cast<uint32_t>(t.ne.size()));
        for (uint64_t n : t.ne) {
            put_u64(out, n);
        }
        put_u32(out, static_cast<uint32_t>(t.type));
        put_u64(out, offset);
        offset += (t.data.size() + alignment - 1) / alignment * alignment;
    }
    for (const Tensor& t : tensors_) {
        out.resize((out.size() + alignment - 1) / alignment * alignment);
        out.insert(out.end(), t.data.begin(), t.data.end());
    }
    if (!tensors_.empty()) {
        out.resize((out.size() + alignment - 1) / alignment * alignment);
    }
    return out;
}

bool GgufWriter::write(const std::string& path, uint32_t version) const {
    const std::vector<std::byte> bytes = serialize(version);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return bool(file);
}

std::vector<std::vector<std::byte>> split_gguf(const gguf::File& whole, size_t per_part) {
    const size_t n = whole.tensors().size();
    const size_t count = std::max<size_t>(1, (n + per_part - 1) / per_part);
    std::vector<std::vector<std::byte>> parts;
    for (size_t i = 0; i < count; ++i) {
        GgufWriter w;
        if (i == 0) {
            for (const auto& [key, value] : whole.metadata()) {
                w.copy(std::string(key), value);
            }
        }
        w.set_u16("split.no", uint16_t(i));
        w.set_u16("split.count", uint16_t(count));
        w.set_i32("split.tensors.count", int32_t(n));
        for (size_t t = i * per_part; t < std::min(n, (i + 1) * per_part); ++t) {
            const gguf::TensorInfo& info = whole.tensors()[t];
            const auto data = whole.tensor_data(info);
            w.add_tensor(std::string(info.name), info.type,
                         std::vector<uint64_t>(info.ne.begin(), info.ne.begin() + info.n_dims),
                         std::vector<std::byte>(data.begin(), data.end()));
        }
        parts.push_back(w.serialize());
    }
    return parts;
}

} // namespace hearth::test
