#include "fast/spin_pool.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace hearth::fast {

namespace {

// About a millisecond of spinning before a worker sleeps.
constexpr int kSpins = 20000;

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace

SpinPool::SpinPool(unsigned threads) : threads_(std::max(threads, 1u)) {
    for (unsigned i = 1; i < threads_; ++i) {
        workers_.emplace_back([this, i] { work(i); });
    }
}

SpinPool::~SpinPool() {
    stop_.store(true);
    epoch_.fetch_add(1, std::memory_order_release);
    epoch_.notify_all();
    for (std::thread& t : workers_) {
        t.join();
    }
}

void SpinPool::dispatch() {
    const unsigned n = size();
    done_.store(0, std::memory_order_relaxed);
    epoch_.fetch_add(1, std::memory_order_release); // publishes job_ and ctx_
    epoch_.notify_all();
    job_(ctx_, 0, n);
    for (int spins = 0; done_.load(std::memory_order_acquire) != n - 1; ++spins) {
        if (spins < kSpins) {
            relax();
        } else {
            std::this_thread::yield();
        }
    }
}

void SpinPool::work(unsigned index) {
    uint32_t seen = 0;
    for (;;) {
        uint32_t now = epoch_.load(std::memory_order_acquire);
        for (int spins = 0; now == seen && spins < kSpins; ++spins) {
            relax();
            now = epoch_.load(std::memory_order_acquire);
        }
        if (now == seen) {
            epoch_.wait(seen, std::memory_order_acquire);
            now = epoch_.load(std::memory_order_acquire);
        }
        seen = now;
        if (stop_.load()) {
            return;
        }
        job_(ctx_, index, size());
        done_.fetch_add(1, std::memory_order_release);
    }
}

unsigned physical_cores() {
    std::set<std::pair<std::string, std::string>> cores;
    for (unsigned cpu = 0; cpu < 4096; ++cpu) {
        const std::string dir = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
        std::ifstream package(dir + "physical_package_id"), core(dir + "core_id");
        std::string p, c;
        if (!(package >> p) || !(core >> c)) {
            break;
        }
        cores.emplace(p, c);
    }
    const unsigned logical = std::max(1u, std::thread::hardware_concurrency());
    return cores.empty() ? logical : std::min<unsigned>(unsigned(cores.size()), logical);
}

} // namespace hearth::fast
