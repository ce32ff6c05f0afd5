// What every backend's results go through before anyone uses them (create_session wraps
// each session in one): after each evaluation the model file must still be the one that was
// mapped, and the logits must be numbers. Either failure is an Error, the evaluation is
// undone (the positions it added are forgotten), and nothing computed from a changed file or
// from broken weights reaches the sampler as if it were an answer.
#pragma once

#include "model/model.h"
#include "session.h"

#include <memory>

namespace hearth {

class CheckedSession : public Session {
public:
    CheckedSession(const Model& model, std::unique_ptr<Session> inner);

    Result<std::span<const float>> eval(Token token) override;
    Result<std::span<const float>> eval_batch(std::span<const Token> tokens) override;
    // Only the file is checked: a backend that picks the token on its device returns no
    // logits to look at.
    Result<Token> eval_greedy(Token token) override;
    uint32_t n_past() const override { return inner_->n_past(); }
    uint32_t n_ctx() const override { return inner_->n_ctx(); }
    void truncate(uint32_t n) override { inner_->truncate(n); }
    BackendDescription backend_description() const override {
        return inner_->backend_description();
    }
    std::string backend_details() const override { return inner_->backend_details(); }
    uint32_t prompt_batch() const override { return inner_->prompt_batch(); }
    // The backend's own session (for backend-specific tools such as a profiler).
    Session& backend() { return *inner_; }

private:
    // `logits` checked, and the file; on failure the session goes back to `n_past`.
    Result<std::span<const float>> checked(Result<std::span<const float>> logits, uint32_t n_past);

    const Model& model_;
    std::unique_ptr<Session> inner_;
};

} // namespace hearth
