// A read-only memory mapping of a whole file (RAII). Model files are mapped, never read into
// memory: the OS pages weights in on first use and shares them between processes.
//
// Another program may change the file while it is mapped. Rewritten in place, the mapping
// shows the new bytes; cut short, reading the lost part would end the process with SIGBUS.
// The mapping is guarded against the second (mapping_guard.h: the lost part reads as zeros)
// and check_unchanged() detects both, so whoever computes from the mapping can refuse what
// came of it.
#pragma once

#include "result.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace hearth {

class MappedFile {
public:
    // Refuses anything but a regular file (a FIFO, a device, a folder) without blocking.
    static Result<MappedFile> open(const std::string& path);
    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const std::byte> bytes() const { return {data_, size_}; }
    const std::string& path() const { return path_; }

    // An Error when the file is no longer what was mapped: another size or modification
    // time than when it was opened, or part of the mapping lost to a truncation.
    Result<void> check_unchanged() const;

private:
    void release();

    const std::byte* data_ = nullptr;
    size_t size_ = 0;
    std::string path_;
    int fd_ = -1;          // kept open to see changes to this very file (not the path)
    int64_t mtime_ns_ = 0; // modification time when opened
    int guard_ = -1;       // mapping_guard slot
};

} // namespace hearth
