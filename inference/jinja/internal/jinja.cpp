// The public entry points of jinja.h that are not defined next to their internals.
#include "jinja.h"

#include "template_eval.h"
#include "template_strings.h"

#include <optional>
#include <utility>

namespace hearth::jinja {

Result<std::string> render(std::shared_ptr<const Program> program, const Variables& variables,
                           const RenderLimits& limits) {
    Interpreter interpreter(limits);
    return interpreter.render(std::move(program), variables);
}

std::string json_string(std::string_view text, bool ensure_ascii) {
    std::string out;
    out.reserve(text.size() + 2);
    append_json_string(out, text, ensure_ascii);
    return out;
}

std::string python_strip(std::string_view text) {
    return py_strip(text, std::nullopt, StripSide::Both);
}

} // namespace hearth::jinja
