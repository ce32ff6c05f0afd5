// A read-only memory mapping of a whole file (RAII). Model files are mapped, never read into
// memory: the OS pages weights in on first use and shares them between processes.
#pragma once

#include "result.h"

#include <cstddef>
#include <span>
#include <string>

namespace hearth {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);
    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const std::byte> bytes() const { return {data_, size_}; }
    const std::string& path() const { return path_; }

private:
    void release();

    const std::byte* data_ = nullptr;
    size_t size_ = 0;
    std::string path_;
};

} // namespace hearth
