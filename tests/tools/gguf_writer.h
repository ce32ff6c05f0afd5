// Writes GGUF files for tests: synthetic models of any architecture and tensor type, and
// deliberately malformed files for the reader's error paths. Independent of the reader: it
// lays the bytes out from the format description alone.
#pragma once

#include "gguf/gguf_file.h"
#include "tensor/ggml_type.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hearth::test {

class GgufWriter {
public:
    void set_u16(const std::string& key, uint16_t v);
    void set_u32(const std::string& key, uint32_t v);
    void set_i32(const std::string& key, int32_t v);
    void set_u64(const std::string& key, uint64_t v);
    void set_f32(const std::string& key, float v);
    void set_bool(const std::string& key, bool v);
    void set_string(const std::string& key, const std::string& v);
    void set_strings(const std::string& key, const std::vector<std::string>& v);
    void set_f32s(const std::string& key, const std::vector<float>& v);
    void set_i32s(const std::string& key, const std::vector<int32_t>& v);
    // Copies one value of another file unchanged (any type, arrays included).
    void copy(const std::string& key, const gguf::Value& value);
    // Copies every key of `from` that starts with `prefix` (e.g. "tokenizer.").
    void copy_prefix(const gguf::File& from, const std::string& prefix);

    // `data` must hold row_bytes(type, ne[0]) * rows bytes.
    void add_tensor(const std::string& name, GgmlType type, std::vector<uint64_t> ne,
                    std::vector<std::byte> data);

    std::vector<std::byte> serialize(uint32_t version = 3) const;
    bool write(const std::string& path, uint32_t version = 3) const;

private:
    struct Entry {
        std::string key;
        uint32_t type;
        std::vector<std::byte> payload; // value bytes after the type field
    };
    struct Tensor {
        std::string name;
        GgmlType type;
        std::vector<uint64_t> ne;
        std::vector<std::byte> data;
    };
    void set_raw(const std::string& key, uint32_t type, std::vector<std::byte> payload);

    std::vector<Entry> metadata_;
    std::vector<Tensor> tensors_;
};

// The parts llama.cpp's gguf-split would make of `whole`: the first holds all its metadata,
// tensors are dealt out in order, `per_part` each, and every part carries split.no,
// split.count (u16) and split.tensors.count (i32).
std::vector<std::vector<std::byte>> split_gguf(const gguf::File& whole, size_t per_part);

// Little-endian byte helpers for building files by hand in tests.
void put_u32(std::vector<std::byte>& out, uint32_t v);
void put_u64(std::vector<std::byte>& out, uint64_t v);
void put_string(std::vector<std::byte>& out, const std::string& s);

} // namespace hearth::test
