#include "text/spm_tokenizer.h"

#include "text/utf8.h"

#include <algorithm>
#include <queue>
#include <string>

namespace hearth::text {

namespace {

constexpr std::string_view kSpaceMark = "\xE2\x96\x81"; // U+2581 '▁'

bool mergeable(const Vocab& vocab, Token t) {
    if (t < 0) {
        return false;
    }
    const TokenType type = vocab.types[size_t(t)];
    return type == TokenType::Normal || type == TokenType::UserDefined ||
           type == TokenType::Unused || type == TokenType::Undefined;
}

} // namespace

SpmModel::SpmModel(const Vocab& vocab) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (unsigned b = 0; b < 256; ++b) {
        const char name[6] = {'<', '0', 'x', kHex[b >> 4], kHex[b & 15], '>'};
        Token t = vocab.find(std::string_view(name, 6));
        if (t < 0) {
            const char byte = static_cast<char>(b);
            t = vocab.find(std::string_view(&byte, 1));
        }
        byte_tokens_[b] = t;
    }
}

void SpmModel::encode(const Vocab& vocab, std::string_view text, bool space_prefix,
                      std::vector<Token>& out) const {
    std::string s;
    s.reserve(text.size() + 3 * (size_t(std::count(text.begin(), text.end(), ' ')) + 1));
    if (space_prefix) {
        s += kSpaceMark;
    }
    for (char c : text) {
        if (c == ' ') {
            s += kSpaceMark;
        } else {
            s += c;
        }
    }
    if (s.empty()) {
        return;
    }

    struct Symbol {
        uint32_t start;
        uint32_t size; // 0 once merged into its left neighbour
        int prev;
        int next;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(s.size());
    for (size_t pos = 0; pos < s.size();) {
        const size_t size =
            std::min(utf8_lead_length(static_cast<unsigned char>(s[pos])), s.size() - pos);
        const int index = int(symbols.size());
        symbols.push_back(
            {uint32_t(pos), uint32_t(size), index - 1, pos + size < s.size() ? index + 1 : -1});
        pos += size;
    }

    // Candidate merges, best (highest score, then leftmost) on top. A candidate is stale when
    // either side has changed size since it was made.
    struct Candidate {
        float score;
        int left;
        int right;
        uint32_t size;
    };
    const auto worse = [](const Candidate& a, const Candidate& b) {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> queue(worse);
    const auto consider = [&](int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        const Symbol& a = symbols[size_t(left)];
        const uint32_t size = a.size + symbols[size_t(right)].size;
        const Token t = vocab.find(std::string_view(s).substr(a.start, size));
        if (mergeable(vocab, t)) {
            queue.push({vocab.scores[size_t(t)], left, right, size});
        }
    };
    for (int i = 1; i < int(symbols.size()); ++i) {
        consider(i - 1, i);
    }
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[size_t(c.left)];
        Symbol& right = symbols[size_t(c.right)];
        if (left.size == 0 || right.size == 0 || left.size + right.size != c.size) {
            continue;
        }
        left.size += right.size;
        right.size = 0;
        left.next = right.next;
        if (right.next >= 0) {
            symbols[size_t(right.next)].prev = c.left;
        }
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }

    for (int i = 0; i >= 0; i = symbols[size_t(i)].next) {
        const Symbol& sym = symbols[size_t(i)];
        const std::string_view piece = std::string_view(s).substr(sym.start, sym.size);
        if (const Token t = vocab.find(piece); mergeable(vocab, t)) {
            out.push_back(t);
            continue;
        }
        const bool bytes = std::all_of(piece.begin(), piece.end(), [&](char c) {
            return byte_tokens_[static_cast<uint8_t>(c)] >= 0;
        });
        if (bytes) {
            for (char c : piece) {
                out.push_back(byte_tokens_[static_cast<uint8_t>(c)]);
            }
        } else if (vocab.unk >= 0) {
            out.push_back(vocab.unk);
        }
    }
}

} // namespace hearth::text
