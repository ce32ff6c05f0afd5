#include "checked_session.h"

#include <algorithm>
#include <cmath>

namespace hearth {

CheckedSession::CheckedSession(const Model& model, std::unique_ptr<Session> inner)
    : model_(model), inner_(std::move(inner)) {}

Result<std::span<const float>> CheckedSession::checked(Result<std::span<const float>> logits,
                                                       uint32_t n_past) {
    Result<void> file = model_.file.check_unchanged();
    if (!file) {
        inner_->truncate(n_past);
        return file.error();
    }
    if (logits && !std::ranges::all_of(*logits, [](float x) { return std::isfinite(x); })) {
        inner_->truncate(n_past);
        return Error{"the model computed invalid numbers (NaN or infinity): its weights are "
                     "damaged or unusable"};
    }
    return logits;
}

Result<std::span<const float>> CheckedSession::eval(Token token) {
    const uint32_t before = inner_->n_past();
    return checked(inner_->eval(token), before);
}

Result<std::span<const float>> CheckedSession::eval_batch(std::span<const Token> tokens) {
    const uint32_t before = inner_->n_past();
    return checked(inner_->eval_batch(tokens), before);
}

Result<Token> CheckedSession::eval_greedy(Token token) {
    const uint32_t before = inner_->n_past();
    Result<Token> next = inner_->eval_greedy(token);
    if (Result<void> file = model_.file.check_unchanged(); !file) {
        inner_->truncate(before);
        return file.error();
    }
    return next;
}

} // namespace hearth
