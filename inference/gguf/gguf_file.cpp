#include "gguf/gguf_file.h"

#include "gguf/gguf_scalars.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace hearth::gguf {

using namespace detail;

namespace {

constexpr uint32_t kMagic = 0x46554747; // "GGUF" read as little-endian u32
constexpr uint32_t kMaxDims = 4;
constexpr uint64_t kDefaultAlignment = 32;

bool known_value_type(uint32_t type) {
    return type <= static_cast<uint32_t>(ValueType::F64);
}

} // namespace

// Reads the file front to back; every read is bounds-checked and every failure names what
// was being read.
class Parser {
public:
    // `size`: the whole file's bytes, of which `bytes_` may hold only the first (parse_header).
    Parser(File& file, uint64_t size, uint64_t* needed)
        : file_(file), bytes_(file.bytes_), size_(size), needed_(needed) {}

    Result<void> run() {
        if (std::endian::native != std::endian::little) {
            return fail("GGUF files can only be read on little-endian machines");
        }
        uint32_t magic = 0;
        if (!read(magic)) {
            return fail("is too short to be a GGUF file");
        }
        if (magic != kMagic) {
            return fail("is not a GGUF file (bad magic)");
        }
        uint32_t version = 0;
        if (!read(version)) {
            return fail("ends inside the header");
        }
        if ((version & 0xFFFF) == 0) {
            return fail("is a big-endian GGUF file, which is not supported");
        }
        if (version < 2 || version > 3) {
            return fail("has GGUF version " + std::to_string(version) + " (supported: 2 and 3)");
        }
        file_.version_ = version;
        uint64_t n_tensors = 0, n_kv = 0;
        if (!read(n_tensors) || !read(n_kv)) {
            return fail("ends inside the header");
        }
        // Each metadata entry takes at least 8+4+1 bytes, each tensor info at least 8+4+8+4+8.
        if (n_kv > remaining() / 13) {
            return fail("claims " + std::to_string(n_kv) + " metadata entries, more than fit");
        }
        if (n_tensors > remaining() / 32) {
            return fail("claims " + std::to_string(n_tensors) + " tensors, more than fit");
        }
        for (uint64_t i = 0; i < n_kv; ++i) {
            if (Result<void> r = read_metadata(i); !r) {
                return r;
            }
        }
        if (Result<void> r = read_alignment(); !r) {
            return r;
        }
        file_.tensors_.reserve(n_tensors);
        for (uint64_t i = 0; i < n_tensors; ++i) {
            if (Result<void> r = read_tensor_info(i); !r) {
                return r;
            }
        }
        const uint64_t a = file_.alignment_;
        file_.data_offset_ = (pos_ + a - 1) / a * a;
        for (const TensorInfo& t : file_.tensors_) {
            if (Result<void> r = check_tensor_data(t); !r) {
                return r;
            }
        }
        return {};
    }

private:
    // Bytes of the file after pos_ (declared size), and of them those at hand.
    uint64_t remaining() const { return size_ - pos_; }
    uint64_t available() const { return pos_ < bytes_.size() ? bytes_.size() - pos_ : 0; }

    // Whether the next `n` bytes are at hand; when they are in the file but not in the
    // prefix, notes how many bytes a longer prefix needs.
    bool have(uint64_t n) {
        if (n <= available()) {
            return true;
        }
        if (needed_ != nullptr && n <= remaining()) {
            *needed_ = pos_ + n;
        }
        return false;
    }

    template <class T> bool read(T& out) {
        if (!have(sizeof(T))) {
            return false;
        }
        std::memcpy(&out, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }

    bool read_string(std::string_view& out) {
        uint64_t length = 0;
        if (!read(length) || !have(length)) {
            return false;
        }
        out = {reinterpret_cast<const char*>(bytes_.data() + pos_), static_cast<size_t>(length)};
        pos_ += length;
        return true;
    }

    Error fail(const std::string& what) const { return Error{file_.name_ + " " + what}; }

    Result<void> read_metadata(uint64_t index) {
        std::string_view key;
        if (!read_string(key)) {
            return fail("ends inside the key of metadata entry " + std::to_string(index));
        }
        const std::string where = "metadata " + std::string(key);
        if (key.empty()) {
            return fail("has an empty metadata key (entry " + std::to_string(index) + ")");
        }
        if (file_.metadata_index_.contains(key)) {
            return fail("has the metadata key " + std::string(key) + " twice");
        }
        uint32_t raw_type = 0;
        if (!read(raw_type)) {
            return fail("ends inside " + where);
        }
        if (!known_value_type(raw_type)) {
            return fail("has an unknown value type " + std::to_string(raw_type) + " in " + where);
        }
        Value value;
        value.type = static_cast<ValueType>(raw_type);
        if (Result<void> r = read_value(value, where); !r) {
            return r;
        }
        file_.metadata_index_.emplace(key, file_.metadata_.size());
        file_.metadata_.emplace_back(key, value);
        return {};
    }

    Result<void> read_value(Value& value, const std::string& where) {
        if (value.type == ValueType::String) {
            if (!read_string(value.text)) {
                return fail("has a string running past the end of the file in " + where);
            }
            return {};
        }
        if (value.type != ValueType::Array) {
            const uint64_t size = scalar_size(value.type);
            if (!have(size)) {
                return fail("ends inside " + where);
            }
            value.bits = load_le(bytes_.data() + pos_, size);
            pos_ += size;
            if (value.type == ValueType::Bool && value.bits > 1) {
                return fail("has a bool that is neither 0 nor 1 in " + where);
            }
            return {};
        }
        uint32_t element = 0;
        if (!read(element) || !read(value.count)) {
            return fail("ends inside " + where);
        }
        if (!known_value_type(element)) {
            return fail("has an array of unknown type " + std::to_string(element) + " in " + where);
        }
        value.element_type = static_cast<ValueType>(element);
        if (value.element_type == ValueType::Array) {
            return fail("has an array of arrays in " + where + " (not supported)");
        }
        const uint64_t start = pos_;
        if (value.element_type == ValueType::String) {
            if (value.count > remaining() / 8) {
                return fail("has an array of " + std::to_string(value.count) +
                            " strings that cannot fit in " + where);
            }
            std::string_view s;
            for (uint64_t i = 0; i < value.count; ++i) {
                if (!read_string(s)) {
                    return fail("has string " + std::to_string(i) + " running past the end of " +
                                "the file in " + where);
                }
            }
        } else {
            const uint64_t size = scalar_size(value.element_type);
            if (value.count > remaining() / size) {
                return fail("has an array of " + std::to_string(value.count) + " " +
                            std::string(value_type_name(value.element_type)) +
                            " running past the end of the file in " + where);
            }
            if (!have(value.count * size)) {
                return fail("ends inside " + where);
            }
            pos_ += value.count * size;
        }
        value.packed = bytes_.subspan(start, pos_ - start);
        return {};
    }

    Result<void> read_alignment() {
        const Value* v = file_.find("general.alignment");
        if (v == nullptr) {
            file_.alignment_ = kDefaultAlignment;
            return {};
        }
        const std::optional<uint64_t> a = v->as_uint();
        if (!a || *a == 0 || (*a & (*a - 1)) != 0 || *a > (1u << 20)) {
            return fail("has general.alignment that is not a power of two up to 1 MiB");
        }
        file_.alignment_ = *a;
        return {};
    }

    Result<void> read_tensor_info(uint64_t index) {
        TensorInfo t;
        if (!read_string(t.name)) {
            return fail("ends inside the name of tensor " + std::to_string(index));
        }
        const std::string name =
            "tensor " + (t.name.empty() ? std::to_string(index) : std::string(t.name));
        if (t.name.empty()) {
            return fail("has a tensor without a name (tensor " + std::to_string(index) + ")");
        }
        if (file_.tensor_index_.contains(t.name)) {
            return fail("has " + name + " twice");
        }
        if (!read(t.n_dims)) {
            return fail("ends inside " + name);
        }
        if (t.n_dims == 0 || t.n_dims > kMaxDims) {
            return fail("has " + name + " with " + std::to_string(t.n_dims) +
                        " dimensions (1 to 4 allowed)");
        }
        t.elements = 1;
        for (uint32_t d = 0; d < t.n_dims; ++d) {
            if (!read(t.ne[d])) {
                return fail("ends inside " + name);
            }
            if (t.ne[d] == 0) {
                return fail("has " + name + " with an empty dimension");
            }
            if (t.ne[d] > (uint64_t(1) << 62) / t.elements) {
                return fail("has " + name + " whose element count overflows");
            }
            t.elements *= t.ne[d];
        }
        uint32_t type = 0;
        if (!read(type) || !read(t.offset)) {
            return fail("ends inside " + name);
        }
        const std::optional<TypeTraits> traits = type_traits(type);
        if (!traits) {
            return fail("has " + name + " of unknown tensor type " + std::to_string(type));
        }
        t.type = traits->type;
        if (t.ne[0] % traits->block_size != 0) {
            return fail("has " + name + " whose rows of " + std::to_string(t.ne[0]) +
                        " elements are not whole " + std::string(traits->name) + " blocks of " +
                        std::to_string(traits->block_size));
        }
        if (__builtin_mul_overflow(t.elements / traits->block_size, uint64_t(traits->type_size),
                                   &t.bytes)) {
            return fail("has " + name + " whose size in bytes overflows");
        }
        file_.tensor_index_.emplace(t.name, file_.tensors_.size());
        file_.tensors_.push_back(t);
        return {};
    }

    Result<void> check_tensor_data(const TensorInfo& t) const {
        const std::string name = "tensor " + std::string(t.name);
        if (t.offset % file_.alignment_ != 0) {
            return fail("has " + name + " at an offset that is not a multiple of the alignment " +
                        std::to_string(file_.alignment_));
        }
        const uint64_t size = size_;
        if (file_.data_offset_ > size || t.offset > size - file_.data_offset_ ||
            t.bytes > size - file_.data_offset_ - t.offset) {
            return fail("has " + name + " extending past the end of the file");
        }
        return {};
    }

    File& file_;
    std::span<const std::byte> bytes_;
    uint64_t size_ = 0;
    uint64_t* needed_ = nullptr;
    uint64_t pos_ = 0;
};

Result<File> File::open(const std::string& path) {
    Result<MappedFile> mapped = MappedFile::open(path);
    if (!mapped) {
        return mapped.error();
    }
    auto mapping = std::make_shared<const MappedFile>(std::move(mapped.value()));
    Result<File> file = parse(mapping->bytes(), path);
    if (file) {
        file->mapping_ = std::move(mapping);
    }
    return file;
}

Result<File> File::parse(std::span<const std::byte> bytes, std::string name) {
    File file;
    file.bytes_ = bytes;
    file.name_ = std::move(name);
    if (Result<void> r = Parser(file, bytes.size(), nullptr).run(); !r) {
        return r.error();
    }
    return file;
}

Result<File> File::parse_header(std::span<const std::byte> prefix, uint64_t file_size,
                                std::string name, uint64_t* needed) {
    uint64_t short_by = 0;
    File file;
    file.bytes_ = prefix.first(std::min<uint64_t>(prefix.size(), file_size));
    file.name_ = std::move(name);
    file.header_only_ = true;
    Result<void> r = Parser(file, file_size, &short_by).run();
    if (needed != nullptr) {
        *needed = r ? 0 : short_by;
    }
    if (!r) {
        return r.error();
    }
    return file;
}

const Value* File::find(std::string_view key) const {
    auto it = metadata_index_.find(key);
    return it == metadata_index_.end() ? nullptr : &metadata_[it->second].second;
}

const TensorInfo* File::find_tensor(std::string_view name) const {
    auto it = tensor_index_.find(name);
    return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

} // namespace hearth::gguf
