#include "text/tokenizer.h"
#include "text/utf8.h"

#include <algorithm>

namespace hearth {

StreamingDetokenizer::StreamingDetokenizer(const Tokenizer& tokenizer, bool show_control)
    : tokenizer_(tokenizer), show_control_(show_control) {}

// Emits every complete character of `pending_`, U+FFFD for each maximal invalid subpart, and
// keeps an incomplete sequence at the end for the next token.
std::string StreamingDetokenizer::push(Token t) {
    if (std::find(shown_.begin(), shown_.end(), t) != shown_.end()) {
        pending_ += tokenizer_.raw_token_text(t);
    } else {
        pending_ += tokenizer_.token_text(t, show_control_);
    }
    std::string out;
    size_t pos = 0;
    while (pos < pending_.size()) {
        const text::Utf8Step step = text::next_utf8(pending_, pos);
        if (step.status == text::Utf8Status::Incomplete) {
            break;
        }
        if (step.status == text::Utf8Status::Complete) {
            out.append(pending_, pos, step.length);
        } else {
            out += text::kReplacementCharacter;
        }
        pos += step.length;
    }
    pending_.erase(0, pos);
    return out;
}

std::string StreamingDetokenizer::flush() {
    std::string out;
    for (size_t pos = 0; pos < pending_.size();) {
        const text::Utf8Step step = text::next_utf8(pending_, pos);
        if (step.status == text::Utf8Status::Complete) {
            out.append(pending_, pos, step.length);
        } else {
            out += text::kReplacementCharacter;
        }
        pos += step.length;
    }
    pending_.clear();
    return out;
}

} // namespace hearth
