// A persistent set of worker threads for the fast CPU backend. run(f) calls f(thread, threads)
// on every thread (the caller is thread 0) and returns when all are done. Workers spin briefly
// between jobs, since a forward pass starts hundreds of them per token, then sleep on a
// futex (std::atomic::wait) so an idle session costs no CPU. Nothing is allocated per job.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <type_traits>
#include <vector>

namespace hearth::fast {

class SpinPool {
public:
    // threads: total, including the caller (at least 1).
    explicit SpinPool(unsigned threads);
    ~SpinPool();
    SpinPool(const SpinPool&) = delete;
    SpinPool& operator=(const SpinPool&) = delete;

    unsigned size() const { return threads_; }

    template <class F> void run(F&& f) {
        if (threads_ == 1) {
            f(0u, 1u);
            return;
        }
        using Fn = std::remove_reference_t<F>;
        job_ = [](void* ctx, unsigned t, unsigned n) { (*static_cast<Fn*>(ctx))(t, n); };
        ctx_ = const_cast<void*>(static_cast<const void*>(&f));
        dispatch();
    }

private:
    void dispatch();
    void work(unsigned index);

    const unsigned threads_;
    std::vector<std::thread> workers_;
    void (*job_)(void*, unsigned, unsigned) = nullptr;
    void* ctx_ = nullptr;
    std::atomic<uint32_t> epoch_{0}; // bumped once per job; workers wait for a change
    std::atomic<uint32_t> done_{0};  // workers finished with the current job
    std::atomic<bool> stop_{false};
};

// Physical cores of this machine (hyper-threads share a core's vector units, so one thread
// per core is fastest for these kernels); falls back to the logical CPU count.
unsigned physical_cores();

} // namespace hearth::fast
