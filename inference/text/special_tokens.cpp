#include "text/special_tokens.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace hearth::text {

namespace {

bool is_candidate(TokenType type) {
    return type == TokenType::Control || type == TokenType::UserDefined ||
           type == TokenType::Unknown;
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Texts by which llama.cpp (2026) recognises tokens the converter left without an id key.
constexpr std::array<std::string_view, 10> kEndOfTurn = {
    "<|eot_id|>",      "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
    "<|end_of_text|>", "<EOT>",      "_<EOT>",  "[EOT]",         "<end_of_utterance>"};
constexpr std::array<std::string_view, 1> kEndOfMessage = {"<|eom_id|>"};
constexpr std::array<std::string_view, 6> kFimPrefix = {
    "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<PRE>", "<|code_prefix|>", "<|prefix|>"};
constexpr std::array<std::string_view, 6> kFimSuffix = {
    "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<SUF>", "<|code_suffix|>", "<|suffix|>"};
constexpr std::array<std::string_view, 6> kFimMiddle = {
    "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<MID>", "<|code_middle|>", "<|middle|>"};
constexpr std::array<std::string_view, 5> kFimPad = {"<|fim_pad|>", "<fim-pad>", "<fim_pad>",
                                                     "<PAD>", "[PAD]"};
constexpr std::array<std::string_view, 5> kFimRepo = {"<|fim_repo|>", "<|repo_name|>", "<fim-repo>",
                                                      "<REPO>", "<reponame>"};
constexpr std::array<std::string_view, 1> kFimSep = {"<|file_sep|>"};
// Tokens that end generation whatever the id keys say (llama.cpp's list, plus DeepSeek's
// end of sentence, which its files also name as EOS).
// clang-format off
constexpr std::string_view kEndOfGeneration[] = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
    "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
    "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
    "<｜end▁of▁sentence｜>"};
// clang-format on

// When the file gives no id for a marker, the first token (in list order) whose text is a known
// form of it takes the role and becomes a control token, so that user text can never produce
// it (llama.cpp does the same, warning that the converter left it user-defined).
template <size_t N>
void find_marker(Vocab& vocab, Token& id, const std::array<std::string_view, N>& texts) {
    if (id >= 0) {
        return;
    }
    for (std::string_view text : texts) {
        if (const Token t = vocab.find(text); t >= 0) {
            id = t;
            vocab.types[size_t(t)] = TokenType::Control;
            return;
        }
    }
}

} // namespace

void apply_special_token_rules(Vocab& vocab, std::string_view model_name) {
    find_marker(vocab, vocab.eot, kEndOfTurn);
    find_marker(vocab, vocab.eom, kEndOfMessage);
    find_marker(vocab, vocab.fim_pre, kFimPrefix);
    find_marker(vocab, vocab.fim_suf, kFimSuffix);
    find_marker(vocab, vocab.fim_mid, kFimMiddle);
    find_marker(vocab, vocab.fim_pad, kFimPad);
    find_marker(vocab, vocab.fim_rep, kFimRepo);
    find_marker(vocab, vocab.fim_sep, kFimSep);

    std::vector<Token> eog;
    for (std::string_view text : kEndOfGeneration) {
        const Token t = vocab.find(text);
        if (t >= 0) {
            eog.push_back(t);
            vocab.types[size_t(t)] = TokenType::Control;
        }
    }
    for (Token t : {vocab.fim_pad, vocab.fim_rep, vocab.fim_sep, vocab.eos, vocab.eot, vocab.eom}) {
        if (t >= 0) {
            eog.push_back(t);
        }
    }
    std::sort(eog.begin(), eog.end());
    eog.erase(std::unique(eog.begin(), eog.end()), eog.end());
    const auto in_eog = [&](std::string_view text) {
        const Token t = vocab.find(text);
        return t >= 0 && std::binary_search(eog.begin(), eog.end(), t);
    };
    const auto drop = [&](std::string_view text, TokenType type) {
        const Token t = vocab.find(text);
        eog.erase(std::remove(eog.begin(), eog.end(), t), eog.end());
        vocab.types[size_t(t)] = type;
    };
    // gpt-oss (harmony) and Solar Open: <|end|> closes a message inside a turn; <|return|>,
    // <|call|> / <|calls|>, <|flush|> end it.
    const bool call = in_eog("<|call|>") || in_eog("<|calls|>");
    if (in_eog("<|end|>") && ((in_eog("<|return|>") && call) || (call && in_eog("<|flush|>")))) {
        drop("<|end|>", TokenType::UserDefined);
    }
    // Gemma 4 writes </s> as ordinary text.
    if (in_eog("<|tool_response>") && in_eog("</s>")) {
        drop("</s>", TokenType::Normal);
    }
    vocab.end_of_generation = std::move(eog);

    // Phi-3's special tokens swallow the whitespace after them (its tokenizer.json rstrip).
    std::string name(model_name);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.find("phi-3") != std::string::npos || name.find("phi3") != std::string::npos) {
        for (size_t i = 0; i < vocab.size(); ++i) {
            if (is_candidate(vocab.types[i])) {
                vocab.strip[i] |= Vocab::kStripRight;
            }
        }
        for (std::string_view text : {"</s>"}) {
            if (const Token t = vocab.find(text); t >= 0) {
                vocab.strip[size_t(t)] |= Vocab::kStripRight;
            }
        }
        for (std::string_view text : {"<unk>", "<s>", "<|endoftext|>"}) {
            if (const Token t = vocab.find(text); t >= 0) {
                vocab.strip[size_t(t)] &= ~Vocab::kStripRight;
            }
        }
    }
}

SpecialTokenSplitter::SpecialTokenSplitter(const Vocab& vocab) {
    for (size_t i = 0; i < vocab.size(); ++i) {
        if (is_candidate(vocab.types[i]) && !vocab.text(Token(i)).empty()) {
            candidates_.push_back(Token(i));
        }
    }
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [&](Token a, Token b) { return vocab.text(a).size() > vocab.text(b).size(); });
    terminal_.push_back(-1);
    for (size_t c = 0; c < candidates_.size(); ++c) {
        uint32_t node = 0;
        for (char ch : vocab.text(candidates_[c])) {
            const uint64_t key = (uint64_t(node) << 8) | static_cast<uint8_t>(ch);
            const auto [it, added] = edges_.try_emplace(key, uint32_t(terminal_.size()));
            if (added) {
                terminal_.push_back(-1);
            }
            node = it->second;
        }
        if (terminal_[node] < 0) { // the same text twice: the first in priority order wins
            terminal_[node] = int32_t(c);
        }
    }
}

void SpecialTokenSplitter::split(const Vocab& vocab, std::string_view text, bool parse_special,
                                 std::vector<Fragment>& out) const {
    out.clear();
    if (text.empty()) {
        return;
    }
    // Every occurrence of every allowed candidate: (priority, position).
    std::vector<std::pair<uint32_t, uint32_t>> found;
    for (size_t pos = 0; pos < text.size() && !candidates_.empty(); ++pos) {
        uint32_t node = 0;
        for (size_t i = pos; i < text.size(); ++i) {
            const auto it = edges_.find((uint64_t(node) << 8) | static_cast<uint8_t>(text[i]));
            if (it == edges_.end()) {
                break;
            }
            node = it->second;
            const int32_t c = terminal_[node];
            if (c >= 0 && (parse_special ||
                           vocab.types[size_t(candidates_[size_t(c)])] == TokenType::UserDefined)) {
                found.emplace_back(uint32_t(c), uint32_t(pos));
            }
        }
    }
    if (found.empty()) {
        out.push_back({-1, text});
        return;
    }
    std::sort(found.begin(), found.end());

    // Per byte: kRaw, kGone (inside a claimed token or stripped whitespace), or the token
    // that starts there.
    constexpr int32_t kRaw = -1, kGone = -2;
    std::vector<int32_t> state(text.size(), kRaw);
    for (const auto& [c, pos] : found) {
        const Token token = candidates_[c];
        const size_t length = vocab.text(token).size();
        if (!std::all_of(state.begin() + pos, state.begin() + pos + length,
                         [](int32_t s) { return s == kRaw; })) {
            continue;
        }
        state[pos] = token;
        std::fill(state.begin() + pos + 1, state.begin() + pos + length, kGone);
        const uint8_t strip = vocab.strip[size_t(token)];
        if (strip & Vocab::kStripLeft) {
            for (size_t i = pos; i > 0 && state[i - 1] == kRaw && is_ascii_space(text[i - 1]);
                 --i) {
                state[i - 1] = kGone;
            }
        }
        if (strip & Vocab::kStripRight) {
            for (size_t i = pos + length;
                 i < text.size() && state[i] == kRaw && is_ascii_space(text[i]); ++i) {
                state[i] = kGone;
            }
        }
    }
    for (size_t pos = 0; pos < text.size();) {
        if (state[pos] >= 0) {
            out.push_back({state[pos], {}});
            pos += vocab.text(state[pos]).size();
        } else if (state[pos] == kGone) {
            ++pos;
        } else {
            size_t end = pos;
            while (end < text.size() && state[end] == kRaw) {
                ++end;
            }
            out.push_back({-1, text.substr(pos, end - pos)});
            pos = end;
        }
    }
}

} // namespace hearth::text
