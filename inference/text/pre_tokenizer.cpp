#include "text/pre_tokenizer.h"

#include "text/utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string>

namespace hearth::text {

// A compiled regex. The code is immutable and may be matched from several threads at once;
// every split() brings its own match data.
struct PreTokenizer::Pattern {
    pcre2_code* code = nullptr;

    explicit Pattern(pcre2_code* c) : code(c) {}
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;
    ~Pattern() { pcre2_code_free(code); }
};

Result<PreTokenizer> PreTokenizer::compile(std::span<const std::string_view> patterns) {
    PreTokenizer out;
    for (std::string_view pattern : patterns) {
        int error_code = 0;
        PCRE2_SIZE error_offset = 0;
        // UCP: \s, \d, \w and POSIX classes follow Unicode properties, not ASCII.
        // DOLLAR_ENDONLY: '$' means the end of the piece, never "before a final newline".
        pcre2_code* code = pcre2_compile(
            reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
            PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY, &error_code, &error_offset, nullptr);
        if (code == nullptr) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(error_code, message, sizeof(message));
            return Error{"pre-tokenizer regex does not compile at offset " +
                         std::to_string(error_offset) + ": " +
                         reinterpret_cast<const char*>(message)};
        }
        // Without JIT support (some architectures) matching falls back to the interpreter.
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        out.patterns_.push_back(std::make_shared<const Pattern>(code));
    }
    return out;
}

namespace {

// Match state of one split() call: match data, and a larger JIT stack made only if the
// default one (32 KiB) runs out on some pathological input.
class Matcher {
public:
    Matcher() : data_(pcre2_match_data_create(1, nullptr)) {}
    Matcher(const Matcher&) = delete;
    Matcher& operator=(const Matcher&) = delete;
    ~Matcher() {
        pcre2_match_data_free(data_);
        pcre2_match_context_free(context_);
        pcre2_jit_stack_free(stack_);
    }

    // Finds the next match at or after `start`; false when there is none. An error the
    // retries cannot cure (a resource limit) counts as no further match: the rest of the
    // piece stays in one piece instead of failing the whole encode.
    bool find(const pcre2_code* code, std::string_view subject, size_t start, size_t& begin,
              size_t& end) {
        const auto run = [&](uint32_t options) {
            return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(),
                               start, PCRE2_NO_UTF_CHECK | options, data_, context_);
        };
        int rc = run(0);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT && stack_ == nullptr) {
            stack_ = pcre2_jit_stack_create(32 * 1024, 16 * 1024 * 1024, nullptr);
            context_ = pcre2_match_context_create(nullptr);
            if (stack_ != nullptr && context_ != nullptr) {
                pcre2_jit_stack_assign(context_, nullptr, stack_);
            }
            rc = run(0);
        }
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
            rc = run(PCRE2_NO_JIT);
        }
        if (rc < 0) {
            return false;
        }
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
        begin = ovector[0];
        end = ovector[1];
        return true;
    }

private:
    pcre2_match_data* data_ = nullptr;
    pcre2_match_context* context_ = nullptr;
    pcre2_jit_stack* stack_ = nullptr;
};

void split_piece(Matcher& matcher, const pcre2_code* code, std::string_view piece,
                 std::vector<std::string_view>& out) {
    size_t start = 0; // where the next search begins
    size_t taken = 0; // end of the last piece emitted
    size_t begin = 0, end = 0;
    while (start < piece.size() && matcher.find(code, piece, start, begin, end)) {
        if (end == begin) {
            // None of the patterns can match empty, but never loop on one that does.
            start = begin + (begin < piece.size() ? utf8_lead_length(piece[begin]) : 1);
            continue;
        }
        if (begin > taken) {
            out.push_back(piece.substr(taken, begin - taken));
        }
        out.push_back(piece.substr(begin, end - begin));
        taken = start = end;
    }
    if (taken < piece.size()) {
        out.push_back(piece.substr(taken));
    }
}

} // namespace

void PreTokenizer::split(std::string_view text, std::vector<std::string_view>& pieces) const {
    pieces.clear();
    if (text.empty()) {
        return;
    }
    pieces.push_back(text);
    Matcher matcher;
    std::vector<std::string_view> next;
    for (const auto& pattern : patterns_) {
        next.clear();
        next.reserve(pieces.size() * 2);
        for (std::string_view piece : pieces) {
            split_piece(matcher, pattern->code, piece, next);
        }
        pieces.swap(next);
    }
}

} // namespace hearth::text
