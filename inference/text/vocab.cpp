#include "text/vocab.h"

#include "text/pre_tokenizer.h"

#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace hearth::text {

namespace {

std::string join(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::string_view name : names) {
        out += (out.empty() ? "" : ", ");
        out += name;
    }
    return out;
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// SPM byte tokens are spelled <0xHH>; their byte is read back from the text when decoding.
bool is_byte_token_text(std::string_view text) {
    return text.size() == 6 && text.substr(0, 3) == "<0x" && is_hex(text[3]) && is_hex(text[4]) &&
           text[5] == '>';
}

class Reader {
public:
    explicit Reader(const gguf::File& file) : file_(file) {}

    Error error(const std::string& what) const { return Error{file_.name() + ": " + what}; }

    // A token id key: absent leaves `id` unchanged; an id outside the vocabulary is ignored
    // the way llama.cpp ignores it ("bad special token", default kept), because published
    // files with e.g. padding_token_id == n_vocab exist. A non-integer value is malformed.
    std::optional<Error> read_id(std::string_view key, size_t n_tokens, Token& id) const {
        const gguf::Value* value = file_.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const std::optional<uint64_t> v = value->as_uint();
        if (!v && !value->as_int()) {
            return error(std::string(key) + " is not an integer");
        }
        if (v && *v < n_tokens) {
            id = Token(*v);
        }
        return std::nullopt;
    }

    std::optional<Error> read_bool(std::string_view key, bool& flag) const {
        const gguf::Value* value = file_.find(key);
        if (value == nullptr) {
            return std::nullopt;
        }
        const std::optional<bool> v = value->as_bool();
        if (!v) {
            return error(std::string(key) + " is not a boolean");
        }
        flag = *v;
        return std::nullopt;
    }

private:
    const gguf::File& file_;
};

} // namespace

void Vocab::build_index() {
    size_t capacity = 16;
    while (capacity < 2 * size()) {
        capacity *= 2;
    }
    index.assign(capacity, IndexSlot{});
    const size_t mask = capacity - 1;
    for (size_t i = 0; i < size(); ++i) {
        const std::string_view t = text(Token(i));
        if (t.empty()) { // cannot be matched; llama.cpp renames such entries "[EMPTY_i]"
            continue;
        }
        const size_t hash = std::hash<std::string_view>{}(t);
        const uint32_t tag = uint32_t(uint64_t(hash) >> 32);
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            IndexSlot& s = index[slot];
            if (s.id < 0 || (s.tag == tag && text(s.id) == t)) {
                s = {tag, Token(i)};
                break;
            }
        }
    }
}

Token Vocab::find(std::string_view t) const {
    if (index.empty()) {
        return -1;
    }
    const size_t mask = index.size() - 1;
    const size_t hash = std::hash<std::string_view>{}(t);
    const uint32_t tag = uint32_t(uint64_t(hash) >> 32);
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const IndexSlot& s = index[slot];
        if (s.id < 0) {
            return -1;
        }
        if (s.tag == tag && text(s.id) == t) {
            return s.id;
        }
    }
}

Result<Vocab> read_vocab(const gguf::File& file) {
    const Reader r(file);
    Vocab v;

    const gguf::Value* model = file.find("tokenizer.ggml.model");
    if (model == nullptr || !model->as_string()) {
        return r.error("no tokenizer.ggml.model: the file carries no vocabulary");
    }
    const std::string_view model_name = *model->as_string();
    if (model_name == "llama") {
        v.kind = TokenizerKind::Spm;
    } else if (model_name == "gpt2") {
        v.kind = TokenizerKind::Bpe;
    } else {
        return r.error("unsupported tokenizer.ggml.model '" + std::string(model_name) +
                       "' (supported: llama = SentencePiece, gpt2 = byte-level BPE)");
    }

    // Pre-tokenizer: only byte-level BPE has one. A missing name means llama.cpp's default.
    if (v.kind == TokenizerKind::Bpe) {
        if (const gguf::Value* pre = file.find("tokenizer.ggml.pre"); pre != nullptr) {
            if (!pre->as_string()) {
                return r.error("tokenizer.ggml.pre is not a string");
            }
            v.pre = std::string(*pre->as_string());
        }
        const PreTokenizerSpec* spec = find_pre_tokenizer(v.pre);
        if (spec == nullptr) {
            return r.error("unknown pre-tokenizer tokenizer.ggml.pre = '" + v.pre +
                           "' (supported: " + join(pre_tokenizer_names()) + ")");
        }
        v.ignore_merges = spec->ignore_merges;
        v.add_bos = spec->add_bos;
    } else {
        v.add_bos = true;
        v.add_space_prefix = true;
    }

    const gguf::Value* tokens = file.find("tokenizer.ggml.tokens");
    if (tokens == nullptr || !tokens->is_array_of(gguf::ValueType::String)) {
        return r.error("tokenizer.ggml.tokens is missing or not an array of strings");
    }
    const std::vector<std::string_view> texts = tokens->strings();
    const size_t n = texts.size();
    if (n == 0 || n > size_t(std::numeric_limits<Token>::max())) {
        return r.error("tokenizer.ggml.tokens holds " + std::to_string(n) + " tokens");
    }
    size_t total = 0;
    for (std::string_view t : texts) {
        total += t.size();
    }
    if (total > std::numeric_limits<uint32_t>::max()) {
        return r.error("tokenizer.ggml.tokens is too large");
    }
    v.arena.reserve(total);
    v.offsets.reserve(n + 1);
    for (std::string_view t : texts) {
        v.offsets.push_back(uint32_t(v.arena.size()));
        v.arena.insert(v.arena.end(), t.begin(), t.end());
    }
    v.offsets.push_back(uint32_t(v.arena.size()));

    v.scores.assign(n, 0.0f);
    if (const gguf::Value* scores = file.find("tokenizer.ggml.scores"); scores != nullptr) {
        const std::vector<double> values = scores->floats();
        if (scores->type != gguf::ValueType::Array || values.size() != scores->count ||
            values.size() != n) {
            return r.error("tokenizer.ggml.scores has " + std::to_string(values.size()) +
                           " numbers but there are " + std::to_string(n) + " tokens");
        }
        for (size_t i = 0; i < n; ++i) {
            v.scores[i] = float(values[i]);
        }
    }

    v.types.assign(n, TokenType::Normal);
    if (const gguf::Value* types = file.find("tokenizer.ggml.token_type"); types != nullptr) {
        const std::vector<int64_t> values = types->ints();
        if (types->type != gguf::ValueType::Array || values.size() != types->count ||
            values.size() != n) {
            return r.error("tokenizer.ggml.token_type has " + std::to_string(values.size()) +
                           " integers but there are " + std::to_string(n) + " tokens");
        }
        for (size_t i = 0; i < n; ++i) {
            if (values[i] < 0 || values[i] > int64_t(TokenType::Byte)) {
                return r.error("tokenizer.ggml.token_type[" + std::to_string(i) +
                               "] = " + std::to_string(values[i]) + " is not a token type (0-6)");
            }
            v.types[i] = TokenType(values[i]);
        }
    }
    v.strip.assign(n, 0);

    for (size_t i = 0; i < n; ++i) {
        const std::string_view text = v.text(Token(i));
        if (v.kind == TokenizerKind::Spm && v.types[i] == TokenType::Byte &&
            !is_byte_token_text(text)) {
            return r.error("token " + std::to_string(i) + " is a byte token but reads '" +
                           std::string(text) + "' instead of <0xHH>");
        }
    }
    v.build_index();

    if (v.kind == TokenizerKind::Spm) { // llama.cpp's defaults for SentencePiece vocabularies
        v.unk = n > 0 ? 0 : -1;
        v.bos = n > 1 ? 1 : -1;
        v.eos = n > 2 ? 2 : -1;
    }
    const std::pair<std::string_view, Token*> id_keys[] = {
        {"tokenizer.ggml.bos_token_id", &v.bos},
        {"tokenizer.ggml.eos_token_id", &v.eos},
        {"tokenizer.ggml.eot_token_id", &v.eot},
        {"tokenizer.ggml.eom_token_id", &v.eom},
        {"tokenizer.ggml.unknown_token_id", &v.unk},
        {"tokenizer.ggml.padding_token_id", &v.pad},
        {"tokenizer.ggml.fim_pre_token_id", &v.fim_pre},
        {"tokenizer.ggml.fim_suf_token_id", &v.fim_suf},
        {"tokenizer.ggml.fim_mid_token_id", &v.fim_mid},
        {"tokenizer.ggml.fim_pad_token_id", &v.fim_pad},
        {"tokenizer.ggml.fim_rep_token_id", &v.fim_rep},
        {"tokenizer.ggml.fim_sep_token_id", &v.fim_sep},
    };
    for (const auto& [key, id] : id_keys) {
        if (auto e = r.read_id(key, n, *id)) {
            return *e;
        }
    }
    for (const auto& [key, flag] :
         {std::pair{"tokenizer.ggml.add_bos_token", &v.add_bos},
          std::pair{"tokenizer.ggml.add_eos_token", &v.add_eos},
          std::pair{"tokenizer.ggml.add_space_prefix", &v.add_space_prefix}}) {
        if (auto e = r.read_bool(key, *flag)) {
            return *e;
        }
    }

    std::string_view general_name;
    if (const gguf::Value* name = file.find("general.name"); name && name->as_string()) {
        general_name = *name->as_string();
    }
    apply_special_token_rules(v, general_name);
    return v;
}

} // namespace hearth::text
