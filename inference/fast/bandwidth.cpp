#include "fast/bandwidth.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <new>
#include <thread>
#include <vector>

namespace hearth::fast {

double measure_read_bandwidth(unsigned threads, size_t bytes, int passes) {
    threads = std::max(threads, 1u);
    const size_t words = bytes / sizeof(uint64_t);
    std::vector<uint64_t> buffer;
    try {
        buffer.resize(words);
    } catch (const std::bad_alloc&) {
        return 0.0;
    }
    for (size_t i = 0; i < words; i += 512) {
        buffer[i] = i; // touch every page before timing
    }
    std::vector<uint64_t> sums(size_t(threads) * 8); // a cache line apart
    double best = 0.0;
    for (int pass = 0; pass < passes; ++pass) {
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                const size_t begin = words * t / threads, end = words * (t + 1) / threads;
                uint64_t a = 0, b = 0, c = 0, d = 0; // independent chains: loads, not adds
                for (size_t i = begin; i + 4 <= end; i += 4) {
                    a += buffer[i];
                    b += buffer[i + 1];
                    c += buffer[i + 2];
                    d += buffer[i + 3];
                }
                sums[size_t(t) * 8] = a + b + c + d;
            });
        }
        for (std::thread& t : pool) {
            t.join();
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, double(words * sizeof(uint64_t)) / seconds / 1e9);
    }
    // Keep the sums observable so the reads are not optimised away.
    volatile uint64_t sink = 0;
    for (uint64_t s : sums) {
        sink = sink + s;
    }
    return best;
}

} // namespace hearth::fast
