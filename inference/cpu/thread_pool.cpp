#include "cpu/thread_pool.h"

#include <algorithm>

namespace hearth {

namespace {
std::pair<size_t, size_t> range(size_t n, unsigned parts, unsigned index) {
    const size_t chunk = (n + parts - 1) / parts;
    const size_t begin = std::min(n, chunk * index);
    return {begin, std::min(n, begin + chunk)};
}
} // namespace

ThreadPool::ThreadPool(unsigned threads) {
    if (threads == 0) {
        threads = std::max(1u, std::thread::hardware_concurrency());
    }
    for (unsigned i = 1; i < threads; ++i) {
        workers_.emplace_back([this, i] { work(i); });
    }
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (std::thread& t : workers_) {
        t.join();
    }
}

void ThreadPool::parallel_for(size_t n, const std::function<void(size_t, size_t, unsigned)>& fn) {
    if (workers_.empty() || n < 2) {
        fn(0, n, 0);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        job_ = &fn;
        n_ = n;
        pending_ = static_cast<unsigned>(workers_.size());
        ++generation_;
    }
    start_.notify_all();
    auto [begin, end] = range(n, size(), 0);
    fn(begin, end, 0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
}

void ThreadPool::work(unsigned index) {
    uint64_t seen = 0;
    for (;;) {
        const std::function<void(size_t, size_t, unsigned)>* job;
        size_t n;
        {
            std::unique_lock lock(mutex_);
            start_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) {
                return;
            }
            seen = generation_;
            job = job_;
            n = n_;
        }
        auto [begin, end] = range(n, size(), index);
        if (begin < end) {
            (*job)(begin, end, index);
        }
        {
            std::lock_guard lock(mutex_);
            --pending_;
        }
        done_.notify_one();
    }
}

} // namespace hearth
