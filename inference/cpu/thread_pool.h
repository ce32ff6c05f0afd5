// A fixed set of worker threads that split a loop of n iterations into contiguous ranges.
// parallel_for blocks until every range is done; the calling thread works too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hearth {

class ThreadPool {
public:
    // threads == 0: one per hardware thread.
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

    // Calls fn(begin, end, worker) for disjoint ranges covering [0, n); worker < size().
    void parallel_for(size_t n, const std::function<void(size_t, size_t, unsigned)>& fn);

private:
    void work(unsigned index);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_, done_;
    const std::function<void(size_t, size_t, unsigned)>* job_ = nullptr;
    size_t n_ = 0;
    uint64_t generation_ = 0;
    unsigned pending_ = 0;
    bool stop_ = false;
};

} // namespace hearth
