#include "gguf/split.h"

#include <cstdio>
#include <filesystem>

namespace hearth::gguf {

namespace {

// The split.* key `key` of a part as a number, or nullopt when absent or not an integer.
std::optional<uint64_t> split_key(const File& f, const char* key) {
    const Value* v = f.find(key);
    return v != nullptr ? v->as_uint() : std::nullopt;
}

std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

} // namespace

SplitName split_name(const std::string& path) {
    SplitName name;
    name.parts = {path};
    // NAME-IIIII-of-NNNNN.gguf: 5 digits each, as gguf-split numbers its parts.
    constexpr std::string_view kTail = "-00000-of-00000.gguf";
    if (path.size() <= kTail.size()) {
        return name;
    }
    const std::string tail = path.substr(path.size() - kTail.size());
    const auto digits = [&](size_t at) {
        uint32_t n = 0;
        for (size_t i = at; i < at + 5; ++i) {
            if (tail[i] < '0' || tail[i] > '9') {
                return uint32_t(0);
            }
            n = n * 10 + uint32_t(tail[i] - '0');
        }
        return n;
    };
    const uint32_t index = digits(1), count = digits(10);
    if (tail[0] != '-' || tail.compare(6, 4, "-of-") != 0 || tail.compare(15, 5, ".gguf") != 0 ||
        index == 0 || count == 0 || index > count) {
        return name;
    }
    name.index = index;
    name.count = count;
    name.parts.clear();
    const std::string stem = path.substr(0, path.size() - kTail.size());
    for (uint32_t i = 1; i <= count; ++i) {
        char suffix[32];
        std::snprintf(suffix, sizeof suffix, "-%05u-of-%05u.gguf", i, count);
        name.parts.push_back(stem + suffix);
    }
    return name;
}

Result<File> open_model(const std::string& path) {
    const SplitName name = split_name(path);
    Result<File> first = File::open(name.parts.front());
    if (!first) {
        return name.count > 1
                   ? Error{"part 1 of " + std::to_string(name.count) + " (" +
                           file_name(name.parts.front()) +
                           ") of this split model cannot be opened: " + first.error().message}
                   : first.error();
    }
    const std::optional<uint64_t> count = split_key(*first, "split.count");
    if (name.count == 0) {
        if (count.value_or(1) > 1) {
            return Error{file_name(path) + " is part of a model split in " +
                         std::to_string(*count) +
                         " files, but its name does not say which part (NAME-00001-of-0000N.gguf)"};
        }
        return first;
    }
    if (count != name.count || split_key(*first, "split.no").value_or(0) != 0) {
        return Error{file_name(name.parts.front()) + " is not part 1 of " +
                     std::to_string(name.count) + " of a split model, as its name says"};
    }
    const std::optional<uint64_t> total = split_key(*first, "split.tensors.count");
    for (uint32_t i = 1; i < name.count; ++i) {
        const std::string& part_path = name.parts[i];
        const std::string which = "part " + std::to_string(i + 1) + " of " +
                                  std::to_string(name.count) + " (" + file_name(part_path) + ")";
        if (!std::filesystem::exists(part_path)) {
            return Error{which + " of this split model is missing"};
        }
        Result<File> part = File::open(part_path);
        if (!part) {
            return Error{which + " cannot be read: " + part.error().message};
        }
        if (split_key(*part, "split.no") != i || split_key(*part, "split.count") != name.count ||
            split_key(*part, "split.tensors.count") != total) {
            return Error{which + " belongs to another split model"};
        }
        if (Result<void> r = first->append_part(std::move(part.value())); !r) {
            return Error{which + ": " + r.error().message};
        }
    }
    if (total && *total != first->tensors().size()) {
        return Error{"the parts of this split model hold " +
                     std::to_string(first->tensors().size()) + " tensors, not the " +
                     std::to_string(*total) + " its first part lists"};
    }
    return first;
}

Result<void> File::append_part(File part) {
    const uint32_t index = uint32_t(part_count());
    for (const TensorInfo& t : part.tensors_) {
        if (tensor_index_.count(t.name) != 0) {
            return Error{"the tensor " + std::string(t.name) + " is in two parts"};
        }
    }
    for (TensorInfo t : part.tensors_) {
        t.part = index;
        tensor_index_.emplace(t.name, tensors_.size());
        tensors_.push_back(t);
    }
    more_parts_.push_back(Part{std::move(part.mapping_), part.bytes_, part.data_offset_});
    return {};
}

Result<void> File::check_unchanged() const {
    if (mapping_) {
        if (Result<void> r = mapping_->check_unchanged(); !r) {
            return r;
        }
    }
    for (const Part& p : more_parts_) {
        if (p.mapping) {
            if (Result<void> r = p.mapping->check_unchanged(); !r) {
                return r;
            }
        }
    }
    return {};
}

uint64_t File::total_bytes() const {
    uint64_t total = bytes_.size();
    for (const Part& p : more_parts_) {
        total += p.bytes.size();
    }
    return total;
}

} // namespace hearth::gguf
