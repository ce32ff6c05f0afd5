// The process tst_kill kills: it chats into a database like the app does (user message
// committed, answer streamed with checkpoints, finished) until SIGKILL arrives, reporting
// each step on stdout (killprotocol.h).
//
// usage: storage_kill_child DB SEED CHECKPOINT_MS TOKEN_US
#include "conversationstore.h"
#include "killprotocol.h"
#include "streamingmessage.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>

using namespace hearth::storage;

namespace {

const auto kStart = std::chrono::steady_clock::now();

void report(const std::string& line) {
    const std::string text = line + "\n";
    // write(2) straight to the pipe: nothing sits in a buffer when the kill comes.
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(1, text.data() + written, text.size() - written);
        if (n <= 0) {
            std::_Exit(3);
        }
        written += static_cast<size_t>(n);
    }
}

int fail(const std::string& what) {
    std::fprintf(stderr, "storage_kill_child: %s\n", what.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        return fail("usage: storage_kill_child DB SEED CHECKPOINT_MS TOKEN_US");
    }
    const std::string path = argv[1];
    const unsigned seed = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
    const std::chrono::milliseconds interval(std::strtol(argv[3], nullptr, 10));
    const std::chrono::microseconds token_time(std::strtol(argv[4], nullptr, 10));
    std::mt19937 random(seed);

    auto store = ConversationStore::open(path);
    if (!store) {
        return fail(store.error().message);
    }
    report("O");
    std::optional<int64_t> conversation;
    std::optional<int64_t> question;
    for (int turn = 0;; ++turn) {
        // Mostly new questions; sometimes a regenerated answer (a sibling) or a new chat.
        const unsigned pick = random() % 8;
        if (!conversation || pick == 0) {
            auto c = store->create_conversation({"kill test " + std::to_string(seed), {}, {}, {}});
            if (!c) {
                return fail(c.error().message);
            }
            conversation = c->id;
            question.reset();
        }
        if (!question || pick > 1) {
            const std::string text =
                "question " + std::to_string(turn) + " of run " + std::to_string(seed) + " ✓";
            auto q = store->add_message(*conversation, std::nullopt, Role::User, text);
            if (!q) {
                return fail(q.error().message);
            }
            question = q->id;
            report("U " + std::to_string(q->id) + " " + text);
        }
        Provenance provenance;
        provenance.model_name = "kill test";
        auto answer = store->begin_answer(*conversation, *question, provenance, {interval});
        if (!answer) {
            return fail(answer.error().message);
        }
        report("A " + std::to_string(answer->id()));
        const int64_t tokens = 30 + static_cast<int64_t>(random() % 400);
        for (int64_t i = 0; i < tokens; ++i) {
            std::this_thread::sleep_for(token_time);
            auto committed = answer->append(kill_test_token(i));
            if (!committed) {
                return fail(committed.error().message);
            }
            const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - kStart);
            report("T " + std::to_string(i) + " " + std::to_string(us.count()));
            if (*committed) {
                report("C " + std::to_string(i));
            }
        }
        if (auto r = answer->finish(MessageStatus::Done, FinishReason::Eos); !r) {
            return fail(r.error().message);
        }
        report("F " + std::to_string(answer->id()) + " " + std::to_string(tokens));
    }
}
