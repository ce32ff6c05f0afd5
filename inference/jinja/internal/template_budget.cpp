#include "template_budget.h"

namespace hearth::jinja {

namespace {

constexpr uint64_t kCheckEvery = 4096;

thread_local RenderBudget* t_active = nullptr;

} // namespace

RenderBudget::RenderBudget(uint64_t max_steps, Clock::time_point deadline,
                           const std::atomic<bool>* cancel)
    : max_steps_(max_steps), deadline_(deadline), cancel_(cancel) {
    check_clock_and_flag(); // a render cancelled before it starts does nothing
}

bool RenderBudget::spend(uint64_t steps) {
    if (stop_ != Stop::No) {
        return false;
    }
    used_ = steps > UINT64_MAX - used_ ? UINT64_MAX : used_ + steps;
    if (used_ > max_steps_) {
        stop_ = Stop::Steps;
        return false;
    }
    if (used_ >= next_check_) {
        check_clock_and_flag();
    }
    return stop_ == Stop::No;
}

void RenderBudget::check_clock_and_flag() {
    next_check_ = used_ + kCheckEvery;
    if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
        stop_ = Stop::Cancelled;
    } else if (deadline_ != Clock::time_point::max() && Clock::now() >= deadline_) {
        stop_ = Stop::Deadline;
    }
}

Error RenderBudget::stop_reason() const {
    switch (stop_) {
    case Stop::Steps:
        return Error{"the template takes too many steps (more than " + std::to_string(max_steps_) +
                     ")"};
    case Stop::Deadline:
        return Error{"the template took too long to render"};
    case Stop::Cancelled:
        return Error{"rendering the template was cancelled"};
    case Stop::No:
        break;
    }
    return Error{"the template's budget has not run out"};
}

RenderBudget* active_budget() {
    return t_active;
}

ActiveBudget::ActiveBudget(RenderBudget& budget) : previous_(t_active) {
    t_active = &budget;
}

ActiveBudget::~ActiveBudget() {
    t_active = previous_;
}

} // namespace hearth::jinja
