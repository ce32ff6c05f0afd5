// stream_read: the machine's memory read bandwidth (fast/bandwidth.h), the roofline of token
// generation, as JSON for tests/bench/cpu_vs_llamacpp.sh.
//
//   stream_read [--threads N] [--mib 1024] [--passes 5]      prints {"gbs": ..., ...}
#include "fast/bandwidth.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

int main(int argc, char** argv) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    size_t mib = 1024;
    int passes = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const unsigned long v = std::stoul(argv[i + 1]);
        if (a == "--threads") {
            threads = unsigned(std::max(1ul, v));
        } else if (a == "--mib") {
            mib = std::max(1ul, v);
        } else if (a == "--passes") {
            passes = int(std::max(1ul, v));
        }
    }
    const double gbs = hearth::fast::measure_read_bandwidth(threads, mib << 20, passes);
    std::printf("{\"gbs\": %.2f, \"threads\": %u, \"mib\": %zu, \"passes\": %d}\n", gbs, threads,
                mib, passes);
    return gbs > 0.0 ? 0 : 1;
}
