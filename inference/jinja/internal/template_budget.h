// The work budget of one template render. Everything a render does is counted against it in
// steps: the interpreter charges each evaluated node and loop iteration, the built-ins the
// size of what they read and make, and the value helpers (template_value.h) what they do to
// data as they do it: a step per element compared, copied or visited, and one per
// kBytesPerStep bytes of text scanned or built. Helpers reach the budget of the render running on
// their thread through active_budget(), because they are called from deep inside comparisons and
// lookups that have no interpreter at hand.
//
// A budget stops for good when its steps are spent, when its deadline passes or when its
// cancel flag is set (the app's Stop). Once stopped, spend() answers false: helpers then
// return at once with any result, and the interpreter ends the render with stop_reason()
// at its next charge, so no single operation, however large its input, runs on after that.
#pragma once

#include "result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace hearth::jinja {

class RenderBudget {
public:
    using Clock = std::chrono::steady_clock;

    // `deadline` of time_point::max() and a null `cancel` mean none.
    RenderBudget(uint64_t max_steps, Clock::time_point deadline, const std::atomic<bool>* cancel);

    // Counts `steps`; false once the budget has stopped (now or before).
    bool spend(uint64_t steps);
    bool stopped() const { return stop_ != Stop::No; }
    // Why it stopped, as an Error for the render to return.
    Error stop_reason() const;
    uint64_t used() const { return used_; }

private:
    enum class Stop { No, Steps, Deadline, Cancelled };
    void check_clock_and_flag();

    uint64_t max_steps_;
    Clock::time_point deadline_;
    const std::atomic<bool>* cancel_;
    uint64_t used_ = 0;
    // Reading the clock costs far more than a step, so it is read every kCheckEvery steps.
    uint64_t next_check_ = 0;
    Stop stop_ = Stop::No;
};

// Text scanned or built is charged one step per this many bytes: a step of the interpreter
// (evaluating a node, copying a value) costs about as much as scanning a few hundred bytes,
// and a render's 2 million steps then stay within about a second of work.
inline constexpr uint64_t kBytesPerStep = 256;

// The budget of the render running on this thread, or null outside a render.
RenderBudget* active_budget();

// Makes `budget` the active one for its lifetime (renders do not nest on one thread, but a
// previous one is restored all the same).
class ActiveBudget {
public:
    explicit ActiveBudget(RenderBudget& budget);
    ~ActiveBudget();
    ActiveBudget(const ActiveBudget&) = delete;
    ActiveBudget& operator=(const ActiveBudget&) = delete;

private:
    RenderBudget* previous_;
};

// Charge the active budget, if any: `steps`, or the steps for `bytes` of text. False once
// the render has to end.
inline bool spend(uint64_t steps) {
    RenderBudget* b = active_budget();
    return b == nullptr || b->spend(steps);
}
inline bool spend_bytes(uint64_t bytes) {
    return spend(bytes / kBytesPerStep + 1);
}

} // namespace hearth::jinja
