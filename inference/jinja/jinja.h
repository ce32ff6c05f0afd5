// The chat-template interpreter's public face: Jinja as transformers runs it (a sandbox on
// Python's semantics), for the chat templates GGUF files carry. Parse once, render many times
// with the variables of a conversation; Python's json.dumps quoting and str.strip whitespace
// for callers that build chat text without a template.
//
// Everything under internal/ (lexer, parser, syntax tree, evaluator, built-ins, Python string
// helpers) is private to this target; tests that check the interpreter piece by piece include
// it by that path on purpose.
#pragma once

#include "jinja_value.h"
#include "result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace hearth::jinja {

struct Program; // a parsed template (internal/template_ast.h)

// Parses a template. Nesting deeper than `max_depth` (brackets, operators, blocks) is an
// Error, so a hostile template cannot exhaust the stack.
Result<std::shared_ptr<const Program>> parse_template(std::string_view source, int max_depth = 64);

// What one render may spend; exceeding any of it ends the render with an Error.
struct RenderLimits {
    uint64_t max_steps = 2'000'000; // nodes, loop iterations, elements, text handled
    size_t max_bytes = 32u << 20;   // output, any one string, any one list (elements * 16)
    int max_call_depth = 32;        // nested macro calls
    uint32_t max_nesting = 48;      // lists/dicts inside lists/dicts
    // Text and list slots all operations together may create (bounds peak memory: values
    // share their text, so only new text counts).
    size_t max_total_bytes = 512u << 20;
    // The render ends with an Error at this time (none by default) or once *cancel is true.
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    const std::atomic<bool>* cancel = nullptr;
};

// Where strftime_now gets the time: the local time by default; tests fix it.
using Clock = std::function<std::tm()>;
std::tm local_now();

// range, dict, namespace, raise_exception and strftime_now (with `clock`): the globals every
// chat template may call, to which the caller adds messages, bos_token and the like.
Variables builtin_globals(Clock clock);

// Renders `program` with `variables` as the template's globals.
Result<std::string> render(std::shared_ptr<const Program> program, const Variables& variables,
                           const RenderLimits& limits = {});

// `text` as a JSON string, quotes included, the way Python's json.dumps writes it
// (ensure_ascii: \uXXXX for non-ASCII, surrogate pairs above U+FFFF).
std::string json_string(std::string_view text, bool ensure_ascii = false);

// str.strip() without arguments: `text` without Python whitespace at either end.
std::string python_strip(std::string_view text);

} // namespace hearth::jinja
