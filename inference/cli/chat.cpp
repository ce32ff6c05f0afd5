#include "cli/chat.h"

#include "generation/generation_pipeline.h"
#include "jinja.h"
#include "session.h"
#include "text/chat_template.h"

#include <algorithm>
#include <atomic>
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

std::string ids(std::span<const Token> tokens) {
    std::string line;
    for (Token t : tokens) {
        line += (line.empty() ? "" : " ") + std::to_string(t);
    }
    return line;
}

} // namespace

int run_chat(const Options& o, const Model& model, const SamplingParams& sampling) {
    const uint32_t n_ctx = o.n_ctx ? o.n_ctx : std::min(model.config.n_ctx_train, 4096u);
    std::string cpu_reason;
    Result<std::unique_ptr<Session>> session =
        create_session(model, session_options(o, n_ctx), &cpu_reason);
    if (!session) {
        return fail(session.error().message);
    }
    Result<std::unique_ptr<GenerationPipeline>> pipeline =
        GenerationPipeline::create(**session, model);
    if (!pipeline) {
        return fail(pipeline.error().message);
    }
    (*pipeline)->set_tool_note(tool_note);
    const ChatTemplate& tmpl = (*pipeline)->chat_template();
    std::string reported = tmpl.fallback_reason();
    if (tmpl.format() == ChatFormat::Template) {
        std::fprintf(stderr, "hearth-cli: chat format: the model's own template\n");
    } else {
        std::fprintf(stderr, "hearth-cli: chat format: built-in %s (%s)\n",
                     std::string(chat_format_name(tmpl.format())).c_str(), reported.c_str());
    }
    if (!cpu_reason.empty()) {
        std::fprintf(stderr, "hearth-cli: using the CPU: %s\n", cpu_reason.c_str());
    }
    if (o.reasoning_effort && !tmpl.takes_reasoning_effort()) {
        std::fprintf(stderr, "hearth-cli: the model's chat template has no reasoning effort; "
                             "--reasoning-effort is ignored\n");
    }
    GenerationRequest request;
    request.sampling = sampling;
    request.max_tokens = o.n_predict;
    request.reserve_tokens = o.n_predict; // the whole answer must fit, or the turn fails
    request.enable_thinking = o.thinking;
    request.reasoning_effort = o.reasoning_effort;
    if (!o.system.empty()) {
        request.messages.push_back({"system", o.system, ""});
    }
    const std::atomic<bool> never{false}; // the CLI is stopped by its signals
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
        request.messages.push_back({"user", line, ""});
        ReplyPrinter printer(terminal_out);
        GenerationEvents events;
        events.prompt = [&](const PromptInfo& p) {
            if (!p.fallback_reason.empty() && p.fallback_reason != reported) {
                reported = p.fallback_reason;
                std::fprintf(stderr, "hearth-cli: chat format: built-in %s (%s)\n",
                             std::string(chat_format_name(p.format)).c_str(), reported.c_str());
            }
            if (o.verbose_prompt) {
                std::fprintf(stderr, "hearth-cli: turn %d prompt: %s\n", turn,
                             jinja::json_string(p.text).c_str());
                std::fprintf(stderr, "hearth-cli: turn %d tokens: %s\n", turn,
                             ids(p.tokens).c_str());
                std::fprintf(stderr, "hearth-cli: turn %d reused %d of %zu prompt tokens\n", turn,
                             p.reused_tokens, p.tokens.size());
            }
        };
        events.delta = [&](std::string_view answer, std::string_view thinking) {
            printer.print(ReasoningDelta{std::string(thinking), std::string(answer)});
        };
        const GenerationResult result = (*pipeline)->run(request, events, never);
        if (!result) {
            return fail(result.error().message);
        }
        printer.end();
        request.messages.push_back({"assistant", printer.answer, printer.thinking});
        if (o.verbose_prompt) {
            std::fprintf(
                stderr, "hearth-cli: turn %d reply: {\"content\": %s, \"reasoning_content\": %s}\n",
                turn, jinja::json_string(printer.answer).c_str(),
                jinja::json_string(printer.thinking).c_str());
        }
        const GenerationStats& s = *result;
        std::fprintf(stderr,
                     "hearth-cli: turn %d: prompt tokens: %d (%d reused), generated tokens: %d, "
                     "prompt: %.1f tokens/s, generation: %.1f tokens/s (%s)\n",
                     turn, s.prompt_tokens, s.reused_tokens, s.completion_tokens,
                     double(s.prompt_tokens - s.reused_tokens) / std::max(s.prompt_ms / 1e3, 1e-9),
                     s.tokens_per_second, (*session)->backend_name().c_str());
    }
    return 0;
}

} // namespace hearth::cli
