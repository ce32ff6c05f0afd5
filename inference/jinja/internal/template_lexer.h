// Lexer of the chat-template interpreter: template text -> tokens, with Jinja's whitespace
// rules as Hugging Face's apply_chat_template configures them.
//
// transformers renders chat templates in jinja2.sandbox.ImmutableSandboxedEnvironment(
// trim_blocks=True, lstrip_blocks=True) with the loopcontrols extension (break/continue),
// and Jinja's defaults otherwise (keep_trailing_newline=False, newline_sequence "\n"). So:
//   - "\r\n" and "\r" become "\n"; one newline at the very end of the template is dropped;
//   - trim_blocks: the first newline after a block tag (%}) or comment (#}) is removed;
//   - lstrip_blocks: spaces and tabs from the start of a line up to a block tag or comment
//     are removed (not before {{ }});
//   - "{%-", "{{-", "{#-" strip all whitespace before the tag, "-%}", "-}}", "-#}" all after;
//     "{%+" / "+%}" turn lstrip_blocks / trim_blocks off for that tag;
//   - comments vanish; {% raw %}...{% endraw %} is data.
// Whitespace means Python's str.isspace() (what Jinja's regexes call \s).
#pragma once

#include "result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

enum class TokenType {
    Data,          // template text between tags
    VariableBegin, // {{
    VariableEnd,   // }}
    BlockBegin,    // {%
    BlockEnd,      // %}
    Name,
    String,   // text: the unescaped value
    Integer,  // integer: the value
    Float,    // number: the value
    Operator, // text: one of + - * / // % ** ~ == != < <= > >= = . : | , ( ) [ ] { } ;
    End,      // end of the template
};

struct TemplateToken {
    TokenType type = TokenType::End;
    std::string text;
    int64_t integer = 0;
    double number = 0.0;
    int line = 1;
};

// Limits: the whole template and any one token are bounded by the caller's input; the token
// count by `max_tokens` (an Error beyond it).
Result<std::vector<TemplateToken>> tokenize_template(std::string_view source,
                                                     size_t max_tokens = 1'000'000);

} // namespace hearth::jinja
