// What storage_kill_child tells tst_kill, one line per step, written with write(2) only
// after the step has returned (so a line never claims more than happened):
//
//   O                      the store is open (interrupted answers recovered)
//   U <id> <text>          user message committed
//   A <id>                 answer row committed (status streaming)
//   T <i> <microseconds>   token i appended (time since the child started)
//   C <i>                  a checkpoint holding tokens 0..i committed
//   F <id> <n>             answer finished (done) with n tokens
//
// Answers are made of kill_test_token(0), (1), ...: the test rebuilds any prefix from it.
#pragma once

#include <cstdint>
#include <string>

// Tokens of varying length, some with two-byte UTF-8, like a model's output.
inline std::string kill_test_token(int64_t i) {
    std::string token = (i % 5 == 0) ? " t" : "t";
    token += std::to_string(i);
    if (i % 7 == 0) {
        token += "é";
    }
    return token;
}
