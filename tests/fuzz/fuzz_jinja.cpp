// libFuzzer target: the chat-template interpreter, templates and context both from the input.
// The bytes up to the first NUL are the template; the rest, split at NULs, are the contents
// of the conversation's messages (user and assistant in turn), so the fuzzer varies what a
// template does and what it is given. Any crash, sanitizer report or hang (libFuzzer's
// -timeout) is a bug; errors are expected. The limits are smaller than the app's so that
// each input is quick; they bound the same code paths.
#include "internal/template_builtins.h"
#include "internal/template_eval.h"
#include "internal/template_parser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace hearth::jinja;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t nul = input.find('\0');
    const std::string_view source = input.substr(0, nul);
    hearth::Result<std::shared_ptr<const Program>> program = parse_template(source);
    if (!program) {
        return 0;
    }
    std::vector<Value> messages;
    for (size_t at = nul; at != std::string_view::npos && messages.size() < 16;) {
        const size_t next = input.find('\0', at + 1);
        Value m = Value::make_dict();
        m.dict().set(Value("role"), Value(messages.size() % 2 == 0 ? "user" : "assistant"));
        m.dict().set(
            Value("content"),
            Value(std::string(input.substr(
                at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1))));
        messages.push_back(std::move(m));
        at = next;
    }
    Variables vars = builtin_globals([] { return std::tm{}; });
    vars.emplace_back("messages", Value::make_list(std::move(messages)));
    vars.emplace_back("add_generation_prompt", Value(true));
    vars.emplace_back("bos_token", Value("<s>"));
    vars.emplace_back("eos_token", Value("</s>"));
    vars.emplace_back("tools", Value(None{}));
    RenderLimits limits;
    limits.max_steps = 50'000;
    limits.max_bytes = 1u << 20;
    limits.max_total_bytes = 16u << 20;
    Interpreter interpreter(limits);
    (void)interpreter.render(*program, vars);
    return 0;
}
