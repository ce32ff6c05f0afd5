#include "gguf/mapped_file.h"

#include "gguf/mapping_guard.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hearth {

namespace {

int64_t mtime_ns(const struct stat& st) {
    return int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

} // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It
    // changes nothing for the regular files that are accepted.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return Error{"cannot open " + path + ": " + std::strerror(errno)};
    }
    struct stat st{};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return Error{path + " is not a regular file"};
    }
    MappedFile file;
    file.path_ = path;
    file.fd_ = fd;
    file.size_ = static_cast<size_t>(st.st_size);
    file.mtime_ns_ = mtime_ns(st);
    if (file.size_ > 0) {
        void* data = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) {
            return Error{"cannot map " + path + ": " + std::strerror(errno)};
        }
        file.data_ = static_cast<const std::byte*>(data);
        file.guard_ = mapping_guard::add(file.data_, file.size_);
    }
    return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
      path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), mtime_ns_(other.mtime_ns_),
      guard_(std::exchange(other.guard_, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        path_ = std::move(other.path_);
        fd_ = std::exchange(other.fd_, -1);
        mtime_ns_ = other.mtime_ns_;
        guard_ = std::exchange(other.guard_, -1);
    }
    return *this;
}

MappedFile::~MappedFile() {
    release();
}

void MappedFile::release() {
    mapping_guard::remove(std::exchange(guard_, -1));
    if (data_ != nullptr) {
        ::munmap(const_cast<std::byte*>(data_), size_);
        data_ = nullptr;
    }
    if (fd_ >= 0) {
        ::close(std::exchange(fd_, -1));
    }
}

Result<void> MappedFile::check_unchanged() const {
    if (fd_ < 0) {
        return {};
    }
    struct stat st{};
    const bool lost = mapping_guard::faulted(guard_);
    if (::fstat(fd_, &st) != 0) {
        return Error{"cannot check " + path_ + ": " + std::strerror(errno)};
    }
    if (lost || size_t(st.st_size) < size_) {
        return Error{"the model file " + path_ +
                     " was cut short by another program while in use; load the model again"};
    }
    if (size_t(st.st_size) != size_ || mtime_ns(st) != mtime_ns_) {
        return Error{"the model file " + path_ +
                     " was changed by another program while in use; load the model again"};
    }
    return {};
}

} // namespace hearth
