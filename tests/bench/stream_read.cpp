// stream_read: the machine's memory read bandwidth, the roofline of token generation (every
// weight is read once per token). T threads each sum their share of a buffer much larger
// than the caches, several times; the best pass counts.
//
//   stream_read [--threads N] [--mib 1024] [--passes 5]      prints {"gbs": ..., ...}
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    size_t mib = 1024, passes = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const unsigned long v = std::stoul(argv[i + 1]);
        if (a == "--threads")
            threads = unsigned(std::max(1ul, v));
        else if (a == "--mib")
            mib = std::max(1ul, v);
        else if (a == "--passes")
            passes = std::max(1ul, v);
    }
    const size_t words = mib * (size_t(1) << 20) / sizeof(uint64_t);
    std::vector<uint64_t> buffer(words);
    for (size_t i = 0; i < words; ++i) {
        buffer[i] = i; // touch every page before timing
    }
    std::vector<uint64_t> sums(threads * 8);
    double best = 0.0;
    for (size_t pass = 0; pass < passes; ++pass) {
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                const size_t begin = words * t / threads, end = words * (t + 1) / threads;
                uint64_t a = 0, b = 0, c = 0, d = 0; // independent chains: the loads, not the adds
                for (size_t i = begin; i + 4 <= end; i += 4) {
                    a += buffer[i];
                    b += buffer[i + 1];
                    c += buffer[i + 2];
                    d += buffer[i + 3];
                }
                sums[t * 8] = a + b + c + d;
            });
        }
        for (std::thread& t : pool) {
            t.join();
        }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, double(words * sizeof(uint64_t)) / s / 1e9);
    }
    uint64_t check = 0;
    for (uint64_t s : sums) {
        check += s;
    }
    std::printf(
        "{\"gbs\": %.2f, \"threads\": %u, \"mib\": %zu, \"passes\": %zu, \"check\": %llu}\n", best,
        threads, mib, passes, static_cast<unsigned long long>(check % 1000));
    return 0;
}
