// libFuzzer target: the tokenizers, bytes -> ids -> text. The first input byte picks a
// vocabulary from the shared fixtures (SentencePiece and byte-level BPE families, see
// kVocabularies) and whether special tokens are parsed; the rest is the text. Checked:
//   - every id is in the vocabulary;
//   - text that is valid UTF-8 comes back from decode() unchanged (for SentencePiece, when
//     it holds no U+2581, which that family uses for spaces);
//   - the streaming detokenizer only ever emits valid UTF-8.
// A failed check aborts. Vocabularies load once, from HEARTH_MODELS_DIR (the environment
// variable, else the folder this target was built with).
#include "text/tokenizer.h"
#include "text/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr const char* kVocabularies[] = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-qwen2.gguf",
                                         "ggml-vocab-llama-bpe.gguf", "ggml-vocab-gpt-2.gguf",
                                         "ggml-vocab-deepseek-llm.gguf"};

std::vector<hearth::Tokenizer> load_all() {
    const char* env = std::getenv("HEARTH_MODELS_DIR");
    const std::string dir = std::string(env ? env : HEARTH_MODELS_DIR) + "/vocab/";
    std::vector<hearth::Tokenizer> all;
    for (const char* name : kVocabularies) {
        hearth::Result<hearth::gguf::File> file = hearth::gguf::File::open(dir + name);
        hearth::Result<hearth::Tokenizer> t =
            file ? hearth::Tokenizer::load(*file) : hearth::Result<hearth::Tokenizer>(file.error());
        if (!t) {
            std::fprintf(stderr, "fuzz_tokenizer: %s\n", t.error().message.c_str());
            std::abort(); // without its vocabularies the target would test nothing
        }
        all.push_back(std::move(*t));
    }
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::vector<hearth::Tokenizer> tokenizers = load_all();
    if (size == 0) {
        return 0;
    }
    const hearth::Tokenizer& t = tokenizers[data[0] % tokenizers.size()];
    const bool parse_special = (data[0] & 0x80) != 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

    const std::vector<hearth::Token> ids = t.encode(text, false, parse_special);
    for (hearth::Token id : ids) {
        if (id < 0 || size_t(id) >= t.vocab_size()) {
            std::abort();
        }
    }
    const bool spm_space =
        t.kind() == hearth::TokenizerKind::Spm && text.find("\xE2\x96\x81") != std::string::npos;
    if (!parse_special && !spm_space && hearth::text::is_valid_utf8(text) &&
        t.decode(ids, true) != text) {
        std::abort();
    }
    hearth::StreamingDetokenizer stream(t, true);
    for (hearth::Token id : ids) {
        if (!hearth::text::is_valid_utf8(stream.push(id))) {
            std::abort();
        }
    }
    if (!hearth::text::is_valid_utf8(stream.flush())) {
        std::abort();
    }
    return 0;
}
