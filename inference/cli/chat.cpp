#include "cli/chat.h"

#include "jinja.h"
#include "session.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace hearth::cli {

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "hearth-cli: %s\n", message.c_str());
    return 1;
}

// Streams one reply to stdout: the thinking dimmed (terminal) or as "> "-quoted lines
// (pipes, files), then the answer; keeps both texts for the conversation.
class ReplyPrinter {
public:
    explicit ReplyPrinter(bool terminal) : terminal_(terminal) {}

    void print(const ReasoningDelta& d) {
        if (!d.thinking.empty()) {
            thinking += d.thinking;
            if (terminal_) {
                std::printf("\x1b[2m%s\x1b[0m", d.thinking.c_str());
            } else {
                for (char c : d.thinking) {
                    if (line_start_) {
                        std::fputs("> ", stdout);
                    }
                    std::fputc(c, stdout);
                    line_start_ = c == '\n';
                }
            }
        }
        if (!d.answer.empty()) {
            if (!thinking.empty() && answer.empty()) {
                std::fputc('\n', stdout); // the thinking ends its line
            }
            answer += d.answer;
            std::fputs(d.answer.c_str(), stdout);
        }
        std::fflush(stdout);
    }

    void end() {
        if (!thinking.empty() && answer.empty()) {
            std::fputc('\n', stdout);
        }
        std::fputc('\n', stdout);
        std::fflush(stdout);
    }

    std::string thinking, answer;

private:
    bool terminal_;
    bool line_start_ = true;
};

// What a tool call of the model (harmony's commentary channel) leaves in the answer.
std::string tool_note(std::string_view tool) {
    return tool.empty() ? "[a message for tools was left out: hearth-cli runs no tools]"
                        : "[the model called the tool \"" + std::string(tool) +
                              "\": hearth-cli runs no tools]";
}

size_t common_prefix(const std::vector<Token>& a, const std::vector<Token>& b) {
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    return size_t(ia - a.begin());
}

std::string ids(const std::vector<Token>& tokens) {
    std::string line;
    for (Token t : tokens) {
        line += (line.empty() ? "" : " ") + std::to_string(t);
    }
    return line;
}

} // namespace

int run_chat(const Options& o, const Model& model, const SamplingParams& sampling) {
    using Clock = std::chrono::steady_clock;
    Result<Tokenizer> tokenizer = Tokenizer::load(model.file);
    if (!tokenizer) {
        return fail(tokenizer.error().message);
    }
    const ChatTemplate tmpl = ChatTemplate::from_gguf(model.file, *tokenizer);
    std::string reported = tmpl.fallback_reason();
    if (tmpl.format() == ChatFormat::Template) {
        std::fprintf(stderr, "hearth-cli: chat format: the model's own template\n");
    } else {
        std::fprintf(stderr, "hearth-cli: chat format: built-in %s (%s)\n",
                     std::string(chat_format_name(tmpl.format())).c_str(), reported.c_str());
    }
    const uint32_t n_ctx = o.n_ctx ? o.n_ctx : std::min(model.config.n_ctx_train, 4096u);
    std::string cpu_reason;
    Result<std::unique_ptr<Session>> session =
        create_session(model, session_options(o, n_ctx), &cpu_reason);
    if (!session) {
        return fail(session.error().message);
    }
    if (!cpu_reason.empty()) {
        std::fprintf(stderr, "hearth-cli: using the CPU: %s\n", cpu_reason.c_str());
    }
    if (o.reasoning_effort && !tmpl.takes_reasoning_effort()) {
        std::fprintf(stderr, "hearth-cli: the model's chat template has no reasoning effort; "
                             "--reasoning-effort is ignored\n");
    }
    Sampler sampler(sampling);
    std::vector<ChatMessage> messages;
    if (!o.system.empty()) {
        messages.push_back({"system", o.system, ""});
    }
    std::vector<Token> cached; // the tokens whose keys and values the session holds, in order
    const bool terminal_in = isatty(0) != 0, terminal_out = isatty(1) != 0;

    for (int turn = 1;; ++turn) {
        std::string line;
        if (turn == 1 && !o.text.empty()) {
            line = o.text;
        } else {
            if (!o.interactive) {
                break;
            }
            if (terminal_in) {
                std::fputs("> ", stderr);
                std::fflush(stderr);
            }
            if (!std::getline(std::cin, line)) {
                break; // end of input ends the chat
            }
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line.empty()) {
                --turn;
                continue;
            }
        }
        messages.push_back({"user", line, ""});
        ChatRenderOptions render_options;
        render_options.enable_thinking = o.thinking;
        render_options.reasoning_effort = o.reasoning_effort;
        const RenderedChat chat = tmpl.render(messages, render_options);
        if (!chat.fallback_reason.empty() && chat.fallback_reason != reported) {
            reported = chat.fallback_reason;
            std::fprintf(stderr, "hearth-cli: chat format: built-in %s (%s)\n",
                         std::string(chat_format_name(chat.format)).c_str(), reported.c_str());
        }
        const std::vector<Token> prompt =
            tokenizer->encode(chat.text, tokenizer->add_bos_by_default(), true);
        if (prompt.empty()) {
            return fail("the conversation has no tokens");
        }
        if (prompt.size() + size_t(o.n_predict) > n_ctx) {
            return fail("the conversation (" + std::to_string(prompt.size()) + " tokens) and " +
                        std::to_string(o.n_predict) + " new tokens do not fit a context of " +
                        std::to_string(n_ctx));
        }
        // Keep what the cache holds of this prompt; at least one token is evaluated anew,
        // for the logits of the first reply token.
        size_t reused = common_prefix(cached, prompt);
        reused = std::min(reused, prompt.size() - 1);
        (*session)->truncate(uint32_t(reused));
        reused = (*session)->n_past(); // less when a sliding window's ring no longer reaches
        cached.resize(reused);
        if (o.verbose_prompt) {
            std::fprintf(stderr, "hearth-cli: turn %d prompt: %s\n", turn,
                         jinja::json_string(chat.text).c_str());
            std::fprintf(stderr, "hearth-cli: turn %d tokens: %s\n", turn, ids(prompt).c_str());
            std::fprintf(stderr, "hearth-cli: turn %d reused %zu of %zu prompt tokens\n", turn,
                         reused, prompt.size());
        }

        const auto start = Clock::now();
        const std::span<const Token> fresh = std::span<const Token>(prompt).subspan(reused);
        Result<std::span<const float>> evaluated = (*session)->eval_batch(fresh);
        if (!evaluated) {
            return fail(evaluated.error().message);
        }
        std::span<const float> logits = *evaluated;
        cached.insert(cached.end(), fresh.begin(), fresh.end());
        for (Token t : prompt) {
            sampler.accept(t);
        }
        const auto prompt_done = Clock::now();

        StreamingDetokenizer detokenizer(*tokenizer);
        detokenizer.show_tokens(tmpl.marker_tokens(*tokenizer));
        ReplySplitter splitter = tmpl.reply_splitter(chat.thinking, tool_note);
        ReplyPrinter printer(terminal_out);
        int generated = 0;
        while (generated < o.n_predict) {
            const Token next = sampler.sample(logits);
            if (tokenizer->is_end_of_generation(next)) {
                break;
            }
            ++generated;
            sampler.accept(next);
            printer.print(splitter.push(detokenizer.push(next)));
            if (generated == o.n_predict) {
                break;
            }
            Result<std::span<const float>> r = (*session)->eval(next);
            if (!r) {
                return fail(r.error().message);
            }
            logits = *r;
            cached.push_back(next);
        }
        printer.print(splitter.push(detokenizer.flush()));
        printer.print(splitter.finish());
        printer.end();
        const auto end = Clock::now();
        messages.push_back({"assistant", printer.answer, printer.thinking});
        if (o.verbose_prompt) {
            std::fprintf(
                stderr, "hearth-cli: turn %d reply: {\"content\": %s, \"reasoning_content\": %s}\n",
                turn, jinja::json_string(printer.answer).c_str(),
                jinja::json_string(printer.thinking).c_str());
        }
        const double prompt_s = std::chrono::duration<double>(prompt_done - start).count();
        const double gen_s = std::chrono::duration<double>(end - prompt_done).count();
        std::fprintf(stderr,
                     "hearth-cli: turn %d: prompt tokens: %zu (%zu reused), generated tokens: %d, "
                     "prompt: %.1f tokens/s, generation: %.1f tokens/s (%s)\n",
                     turn, prompt.size(), reused, generated,
                     double(prompt.size() - reused) / std::max(prompt_s, 1e-9),
                     generated > 1 ? double(generated - 1) / std::max(gen_s, 1e-9) : 0.0,
                     (*session)->backend_name().c_str());
    }
    return 0;
}

} // namespace hearth::cli
