#include "gguf/mapping_guard.h"

#include <atomic>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace hearth::mapping_guard {

namespace {

// Read by the signal handler, so plain atomics and no locks there: a slot is free while its
// `begin` is 0.
struct Slot {
    std::atomic<uintptr_t> begin{0};
    std::atomic<size_t> size{0};
    std::atomic<bool> faulted{false};
};

constexpr int kSlots = 64; // models open at once; more would be unguarded, not refused

Slot g_slots[kSlots];
std::mutex g_mutex; // serialises add() and remove(), never taken by the handler
std::once_flag g_installed;
struct sigaction g_previous{};
uintptr_t g_page = 4096;

void on_sigbus(int signal, siginfo_t* info, void* context) {
    // si_code > 0: raised by the kernel for a memory access, so si_addr is the address read.
    if (info != nullptr && info->si_code > 0) {
        const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
        for (Slot& slot : g_slots) {
            const uintptr_t begin = slot.begin.load(std::memory_order_acquire);
            const size_t size = slot.size.load(std::memory_order_acquire);
            if (begin == 0 || address < begin || address - begin >= size) {
                continue;
            }
            // Zero pages from the faulting one to the end of the mapping (a truncated file
            // lost its tail, so all of it is gone). mmap is not on POSIX's list of
            // async-signal-safe functions, but on Linux it is one system call with no
            // user-space state; it is what this handler exists for.
            const uintptr_t from = address & ~(g_page - 1);
            const uintptr_t end = (begin + size + g_page - 1) & ~(g_page - 1);
            void* zeros = ::mmap(reinterpret_cast<void*>(from), end - from, PROT_READ,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (zeros != MAP_FAILED) {
                slot.faulted.store(true, std::memory_order_release);
                return; // the read is retried and now finds zeros
            }
            break;
        }
    }
    // Not a guarded mapping: what would have happened without this handler.
    if ((g_previous.sa_flags & SA_SIGINFO) != 0 && g_previous.sa_sigaction != nullptr) {
        g_previous.sa_sigaction(signal, info, context);
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(signal);
    } else {
        // Back to the default action; returning retries the access, which then ends the
        // process as it would have (a fault cannot be ignored).
        struct sigaction fallback{};
        fallback.sa_handler = SIG_DFL;
        ::sigaction(SIGBUS, &fallback, nullptr);
    }
}

void install() {
    g_page = uintptr_t(::sysconf(_SC_PAGESIZE));
    struct sigaction action{};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &g_previous);
}

} // namespace

int add(const std::byte* data, size_t size) {
    if (data == nullptr || size == 0) {
        return -1;
    }
    std::call_once(g_installed, install);
    const std::lock_guard lock(g_mutex);
    for (int i = 0; i < kSlots; ++i) {
        Slot& slot = g_slots[i];
        if (slot.begin.load(std::memory_order_relaxed) == 0) {
            slot.faulted.store(false, std::memory_order_relaxed);
            slot.size.store(size, std::memory_order_relaxed);
            slot.begin.store(reinterpret_cast<uintptr_t>(data), std::memory_order_release);
            return i;
        }
    }
    return -1;
}

void remove(int slot) {
    if (slot < 0 || slot >= kSlots) {
        return;
    }
    const std::lock_guard lock(g_mutex);
    g_slots[slot].begin.store(0, std::memory_order_release);
    g_slots[slot].size.store(0, std::memory_order_relaxed);
}

bool faulted(int slot) {
    return slot >= 0 && slot < kSlots && g_slots[slot].faulted.load(std::memory_order_acquire);
}

} // namespace hearth::mapping_guard
