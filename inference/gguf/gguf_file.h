// A parsed GGUF file: header, metadata and tensor infos, every count, length, offset and
// shape validated before use. Strings, arrays and tensor data point into the file's bytes
// (memory-mapped by open(), borrowed by parse()).
//
// Layout (little-endian):
//   "GGUF" u32 version  u64 n_tensors  u64 n_kv
//   n_kv x      { string key; u32 type; value }           string = u64 length + bytes
//   n_tensors x { string name; u32 n_dims; u64 ne[n_dims]; u32 ggml type; u64 offset }
//   padding to general.alignment (default 32), then the tensor data section;
//   each tensor's offset is relative to that section and aligned.
#pragma once

#include "gguf/mapped_file.h"
#include "result.h"
#include "tensor/ggml_type.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth::gguf {

enum class ValueType : uint32_t {
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
};

std::string_view value_type_name(ValueType type);

// One metadata value. Arrays keep their packed element bytes (strings: length-prefixed).
struct Value {
    ValueType type = ValueType::U8;
    uint64_t bits = 0;     // scalar payload, zero-extended little-endian bytes
    std::string_view text; // String
    ValueType element_type = ValueType::U8;
    uint64_t count = 0;                // Array: number of elements
    std::span<const std::byte> packed; // Array: the element bytes

    // Integer types (and bool) that fit; floats are not converted.
    std::optional<uint64_t> as_uint() const;
    std::optional<int64_t> as_int() const;
    // F32/F64 and integer types.
    std::optional<double> as_float() const;
    std::optional<bool> as_bool() const;
    std::optional<std::string_view> as_string() const;

    bool is_array_of(ValueType element) const {
        return type == ValueType::Array && element_type == element;
    }
    // Elements of an array of strings (empty for anything else).
    std::vector<std::string_view> strings() const;
    // Elements of an array of numbers as double / int64 (empty for anything else).
    std::vector<double> floats() const;
    std::vector<int64_t> ints() const;
};

struct TensorInfo {
    std::string_view name;
    GgmlType type = GgmlType::F32;
    uint32_t n_dims = 0;
    std::array<uint64_t, 4> ne{1, 1, 1, 1}; // ne[0] is the contiguous dimension
    uint64_t offset = 0;                    // from the start of the data section
    uint64_t elements = 0;
    uint64_t bytes = 0;
    uint32_t part = 0; // the file of a split model that holds the data (0: the first)

    uint64_t rows() const { return elements / ne[0]; }
};

class File {
public:
    // Maps and parses the file at `path`.
    static Result<File> open(const std::string& path);
    // Parses bytes owned by the caller (they must outlive the File). `name` is for messages.
    static Result<File> parse(std::span<const std::byte> bytes, std::string name = "buffer");
    // Parses only the header, metadata and tensor infos from the first bytes of a file of
    // `file_size` bytes (a ranged download): counts, lengths and tensor extents are checked
    // against `file_size`, and tensor_data() is empty for every tensor. When the prefix ends
    // before the tensor infos do, `*needed` is set to the bytes the next read needs (the
    // error then says where it stopped); it stays 0 for any other error.
    static Result<File> parse_header(std::span<const std::byte> prefix, uint64_t file_size,
                                     std::string name, uint64_t* needed);
    bool header_only() const { return header_only_; }

    const std::string& name() const { return name_; }
    uint32_t version() const { return version_; }
    uint64_t alignment() const { return alignment_; }
    uint64_t data_offset() const { return data_offset_; }
    std::span<const std::byte> bytes() const { return bytes_; }

    // Metadata in file order.
    const std::vector<std::pair<std::string_view, Value>>& metadata() const { return metadata_; }
    const Value* find(std::string_view key) const;

    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo* find_tensor(std::string_view name) const;
    std::span<const std::byte> tensor_data(const TensorInfo& tensor) const {
        if (header_only_) {
            return {};
        }
        if (tensor.part == 0) {
            return bytes_.subspan(data_offset_ + tensor.offset, tensor.bytes);
        }
        const Part& p = more_parts_[tensor.part - 1];
        return p.bytes.subspan(p.data_offset + tensor.offset, tensor.bytes);
    }
    // For a mapped file: an Error when another program changed or truncated it (or any part
    // of a split model) since it was opened (see MappedFile). Borrowed bytes are the caller's
    // to keep.
    Result<void> check_unchanged() const;

    // A split model (gguf/split.h): this file is its first part and takes the tensors of the
    // next one (names must not repeat), keeping that part's bytes alive.
    Result<void> append_part(File part);
    size_t part_count() const { return 1 + more_parts_.size(); }
    uint64_t total_bytes() const; // of every part

private:
    friend class Parser;

    struct Part {
        std::shared_ptr<const MappedFile> mapping;
        std::span<const std::byte> bytes;
        uint64_t data_offset = 0;
    };
    std::vector<Part> more_parts_; // parts 2..N of a split model

    std::shared_ptr<const MappedFile> mapping_; // null when the bytes are borrowed
    std::span<const std::byte> bytes_;
    std::string name_;
    uint32_t version_ = 0;
    uint64_t alignment_ = 32;
    uint64_t data_offset_ = 0;
    bool header_only_ = false; // parse_header(): the tensor data were never read
    std::vector<std::pair<std::string_view, Value>> metadata_;
    std::unordered_map<std::string_view, size_t> metadata_index_;
    std::vector<TensorInfo> tensors_;
    std::unordered_map<std::string_view, size_t> tensor_index_;
};

} // namespace hearth::gguf
