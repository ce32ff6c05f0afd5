#include "text/bpe_tokenizer.h"

#include "text/byte_level.h"

#include <queue>
#include <string>

namespace hearth::text {

Result<BpeModel> BpeModel::read(const gguf::File& file, const Vocab& vocab) {
    const gguf::Value* value = file.find("tokenizer.ggml.merges");
    if (value == nullptr || !value->is_array_of(gguf::ValueType::String)) {
        return Error{file.name() +
                     ": tokenizer.ggml.merges is missing or not an array of strings (a gpt2 "
                     "vocabulary needs its merges)"};
    }
    const std::vector<std::string_view> merges = value->strings();
    const auto fail = [&](size_t rank, const std::string& why) {
        std::string text(merges[rank].substr(0, 64));
        return Error{file.name() + ": tokenizer.ggml.merges[" + std::to_string(rank) + "] = '" +
                     text + "' " + why};
    };

    BpeModel model;
    model.merges_.reserve(merges.size());
    std::string merged;
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const std::string_view entry = merges[rank];
        // The separator is the first space after the first byte (a part may itself be " ").
        const size_t space = entry.size() > 1 ? entry.find(' ', 1) : std::string_view::npos;
        if (space == std::string_view::npos || space + 1 >= entry.size()) {
            return fail(rank, "is not two tokens separated by a space");
        }
        const std::string_view left = entry.substr(0, space);
        const std::string_view right = entry.substr(space + 1);
        merged.assign(left);
        merged.append(right);
        const Token left_id = vocab.find(left);
        const Token right_id = vocab.find(right);
        const Token merged_id = vocab.find(merged);
        if (left_id < 0 || right_id < 0) {
            return fail(rank, "names a token that is not in the vocabulary");
        }
        if (merged_id < 0) {
            return fail(rank, "produces a token that is not in the vocabulary");
        }
        // A repeated pair keeps its first (best) rank.
        model.merges_.try_emplace(key(left_id, right_id), Merge{uint32_t(rank), merged_id});
    }
    for (unsigned b = 0; b < 256; ++b) {
        model.byte_tokens_[b] = vocab.find(byte_to_unicode(uint8_t(b)));
    }
    return model;
}

void BpeModel::encode_piece(const Vocab& vocab, std::string_view piece,
                            std::vector<Token>& out) const {
    if (piece.empty()) {
        return;
    }
    if (vocab.ignore_merges) {
        std::string encoded;
        append_byte_level(encoded, piece);
        if (const Token whole = vocab.find(encoded); whole >= 0) {
            out.push_back(whole);
            return;
        }
    }

    // A doubly linked list of symbols; a merged-away symbol gets kGone.
    constexpr Token kGone = -2;
    struct Symbol {
        Token id;
        int prev;
        int next;
    };
    const int n = int(piece.size());
    std::vector<Symbol> symbols(piece.size());
    for (int i = 0; i < n; ++i) {
        symbols[size_t(i)] = {byte_tokens_[static_cast<uint8_t>(piece[size_t(i)])], i - 1,
                              i + 1 < n ? i + 1 : -1};
    }

    // Candidate merges, best (lowest rank, then leftmost) on top. An entry goes stale when
    // either symbol changes; it then no longer matches the ids it was made from.
    struct Candidate {
        uint32_t rank;
        int left;
        int right;
        Token left_id;
        Token right_id;
        Token merged;
    };
    const auto worse = [](const Candidate& a, const Candidate& b) {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> queue(worse);
    const auto consider = [&](int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        const Token a = symbols[size_t(left)].id;
        const Token b = symbols[size_t(right)].id;
        if (a < 0 || b < 0) {
            return;
        }
        const auto it = merges_.find(key(a, b));
        if (it != merges_.end()) {
            queue.push({it->second.rank, left, right, a, b, it->second.merged});
        }
    };
    for (int i = 1; i < n; ++i) {
        consider(i - 1, i);
    }
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[size_t(c.left)];
        Symbol& right = symbols[size_t(c.right)];
        if (left.id != c.left_id || right.id != c.right_id || left.next != c.right) {
            continue;
        }
        left.id = c.merged;
        right.id = kGone;
        left.next = right.next;
        if (right.next >= 0) {
            symbols[size_t(right.next)].prev = c.left;
        }
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }
    // Symbol 0 is never merged away (it is always a left side). A byte whose code point has
    // no token is dropped, as llama.cpp drops it.
    for (int i = 0; i >= 0; i = symbols[size_t(i)].next) {
        if (symbols[size_t(i)].id >= 0) {
            out.push_back(symbols[size_t(i)].id);
        }
    }
}

} // namespace hearth::text
