#include "fast/spin_pool.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace hearth::fast {

namespace {

using Clock = std::chrono::steady_clock;

// How long a thread spins for the next job or for the others to finish before it yields its
// core (waiting) or sleeps (a worker between jobs): long enough to cover the gaps between the
// hundreds of jobs of one token, short enough not to steal a core that another program (or
// a thread of ours it is waiting for) needs on a busy machine.
constexpr auto kSpin = std::chrono::microseconds(50);

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Spins until ready() or kSpin has passed; returns ready().
template <class Ready> bool spin_until(Ready&& ready) {
    const Clock::time_point start = Clock::now();
    for (int i = 1;; ++i) {
        if (ready()) {
            return true;
        }
        relax();
        if (i % 64 == 0 && Clock::now() - start > kSpin) {
            return ready();
        }
    }
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
    const auto all_done = [&] { return done_.load(std::memory_order_acquire) == n - 1; };
    if (!spin_until(all_done)) {
        while (!all_done()) {
            std::this_thread::yield(); // the others may be waiting for this core
        }
    }
}

void SpinPool::work(unsigned index) {
    uint32_t seen = 0;
    for (;;) {
        uint32_t now = seen;
        const auto changed = [&] {
            now = epoch_.load(std::memory_order_acquire);
            return now != seen;
        };
        if (!spin_until(changed)) {
            epoch_.wait(seen, std::memory_order_acquire);
            changed();
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
