// The regexes of each pre-tokenizer, as the models' tokenizer.json files define them and
// llama.cpp applies them (names = tokenizer.ggml.pre values written by llama.cpp's converter).
// Non-ASCII ranges are written as \x{...} escapes so that no editor or normalizer can alter
// them (several endpoints below have canonical decompositions, e.g. U+1F7D, U+2126, U+212A).
#include "text/pre_tokenizer.h"

#include <array>

namespace hearth::text {

namespace {

// GPT-2 (and many models trained with its pre-tokenizer).
constexpr std::array<std::string_view, 1> kGpt2 = {
    R"re('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))re",
};

// llama.cpp's fallback for BPE vocabularies without a known pre-tokenizer.
constexpr std::array<std::string_view, 4> kDefault = {
    R"re([\p{P}\$\+<=>\^~\|]+)re",
    R"re('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))re",
    R"re(\p{N}+)re",
    R"re([0-9][0-9][0-9])re",
};

// Llama 3 (tiktoken cl100k style): digits in groups of up to three. The tokenizer.json form is
// (?i:'s|'t|...); contractions are spelled out case by case as llama.cpp does, which differs
// from Unicode case folding only for 'ſ (U+017F).
constexpr std::array<std::string_view, 1> kLlama3 = {
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// Qwen2: as Llama 3 but every digit on its own.
constexpr std::array<std::string_view, 1> kQwen2 = {
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// Seed-Coder (Seed-OSS): Qwen2's regex, but the punctuation run neither includes nor swallows
// the line breaks after it.
constexpr std::array<std::string_view, 1> kSeedCoder = {
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1}| ?[^\s\p{L}\p{N}\r\n]+|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// Qwen 3.5: combining marks (\p{M}) stay with the letters they modify.
constexpr std::array<std::string_view, 1> kQwen35 = {
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// StarCoder, Command-R and others: single digits first, then GPT-2.
constexpr std::array<std::string_view, 2> kStarCoder = {
    R"re(\p{N})re",
    R"re('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))re",
};

// DeepSeek LLM: newlines, runs of cased letters (Latin, Greek, Cyrillic, ... = Unicode LC),
// ASCII/fullwidth/CJK punctuation, trailing whitespace, CJK and Hangul runs, digit runs.
constexpr std::array<std::string_view, 6> kDeepSeekLlm = {
    R"re([\r\n])re",
    R"re(\s?[A-Za-z\x{B5}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{1BA}\x{1BC}-\x{1BF}\x{1C4}-\x{293}\x{295}-\x{2AF}\x{370}-\x{373}\x{376}\x{377}\x{37B}-\x{37D}\x{37F}\x{386}\x{388}-\x{38A}\x{38C}\x{38E}-\x{3A1}\x{3A3}-\x{3F5}\x{3F7}-\x{481}\x{48A}-\x{52F}\x{531}-\x{556}\x{10A0}-\x{10C5}\x{13A0}-\x{13F5}\x{13F8}-\x{13FD}\x{1C90}-\x{1CBA}\x{1CBD}-\x{1CBF}\x{1D00}-\x{1D2B}\x{1D6B}-\x{1D77}\x{1D79}-\x{1D9A}\x{1E00}-\x{1F15}\x{1F18}-\x{1F1D}\x{1F20}-\x{1F45}\x{1F48}-\x{1F4D}\x{1F50}-\x{1F57}\x{1F59}\x{1F5B}\x{1F5D}\x{1F5F}-\x{1F7D}\x{1F80}-\x{1FB4}\x{1FB6}-\x{1FBC}\x{1FBE}\x{1FC2}-\x{1FC4}\x{1FC6}-\x{1FCC}\x{1FD0}-\x{1FD3}\x{1FD6}-\x{1FDB}\x{1FE0}-\x{1FEC}\x{1FF2}-\x{1FF4}\x{1FF6}-\x{1FFC}\x{2102}\x{2107}\x{210A}-\x{2113}\x{2115}\x{2119}-\x{211D}\x{2124}\x{2126}\x{2128}\x{212A}-\x{212D}\x{212F}-\x{2134}\x{2139}\x{213C}-\x{213F}\x{2145}-\x{2149}\x{214E}\x{2183}\x{2184}\x{2C00}-\x{2C7B}\x{2C7E}-\x{2CE4}\x{2CEB}-\x{2CEE}\x{2CF2}\x{2CF3}\x{A640}-\x{A66D}\x{A680}-\x{A69B}\x{A722}-\x{A76F}\x{A771}-\x{A787}\x{A78B}-\x{A78E}\x{AB70}-\x{ABBF}\x{FB00}-\x{FB06}\x{FB13}-\x{FB17}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}\x{10400}-\x{1044F}\x{104B0}-\x{104D3}\x{104D8}-\x{104FB}\x{10C80}-\x{10CB2}\x{10CC0}-\x{10CF2}\x{118A0}-\x{118DF}\x{1E900}-\x{1E943}]+)re",
    R"re(\s?[!-/:-~\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF5E}\x{2018}-\x{201F}\x{3000}-\x{3002}]+)re",
    R"re(\s+$)re",
    R"re([\x{4E00}-\x{9FA5}\x{800}-\x{4E00}\x{AC00}-\x{D7FF}]+)re",
    R"re(\p{N}+)re",
};

// DeepSeek Coder: newlines, letter runs, punctuation runs, CJK/Hangul runs, single digits.
constexpr std::array<std::string_view, 5> kDeepSeekCoder = {
    R"re([\r\n])re",    R"re(\s?\p{L}+)re",
    R"re(\s?\p{P}+)re", R"re([\x{4E00}-\x{9FA5}\x{800}-\x{4E00}\x{AC00}-\x{D7FF}]+)re",
    R"re(\p{N})re",
};

// DeepSeek V3 / R1 (and Hunyuan dense, which llama.cpp maps to the same regexes): digits in
// groups of up to three, CJK and kana runs, then a punctuation-aware word regex.
constexpr std::array<std::string_view, 3> kDeepSeekV3 = {
    R"re(\p{N}{1,3})re",
    R"re([\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)re",
    R"re([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// Mistral Tekken as llama.cpp applies it. The tokenizer.json form has upper-case
// ([\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]) and lower-case ([\p{Ll}\p{Lm}\p{Lo}\p{M}]) letter classes;
// llama.cpp rewrites them as "a letter other than a-z" and "a letter other than A-Z", so every
// non-ASCII letter fits both, and combining marks (\p{M}, e.g. Devanagari vowel signs) are no
// longer part of a word. Hearth follows llama.cpp, whose ids the models are run against.
constexpr std::array<std::string_view, 1> kTekken = {
    R"re([^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// OpenAI's o200k (GPT-4o; Phi-4-mini, Llama 4): Tekken's case-aware words (rewritten the same
// way), each optionally followed by a contraction, and digits in groups of up to three.
constexpr std::array<std::string_view, 1> kGpt4o = {
    R"re([^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re",
};

// Names and flags as llama.cpp's vocabulary loader assigns them.
constexpr auto kSpecs = std::to_array<PreTokenizerSpec>({
    {"default", kDefault, false, false},
    {"llama-bpe", kLlama3, true, true},
    {"llama3", kLlama3, true, true},
    {"llama-v3", kLlama3, true, true},
    {"falcon3", kLlama3, true, true},
    {"falcon-h1", kLlama3, true, true},
    {"pixtral", kLlama3, true, true},
    {"midm-2.0", kLlama3, true, true},
    {"lfm2", kLlama3, true, true},
    {"dbrx", kLlama3, false, false},
    {"smaug-bpe", kLlama3, false, false},
    {"qwen2", kQwen2, false, false},
    {"deepseek-r1-qwen", kQwen2, false, false},
    {"stablelm2", kQwen2, false, false},
    {"hunyuan", kQwen2, false, false},
    {"megrez", kQwen2, false, false},
    {"qwen35", kQwen35, false, false},
    {"deepseek-llm", kDeepSeekLlm, false, false},
    {"deepseek-coder", kDeepSeekCoder, false, false},
    {"deepseek-v3", kDeepSeekV3, false, false},
    {"hunyuan-dense", kDeepSeekV3, false, false},
    {"gpt-2", kGpt2, false, false},
    {"phi-2", kGpt2, false, false},
    {"mpt", kGpt2, false, false},
    {"olmo", kGpt2, false, false},
    {"jais", kGpt2, false, false},
    {"exaone4", kGpt2, false, false},
    {"starcoder", kStarCoder, false, false},
    {"refact", kStarCoder, false, false},
    {"command-r", kStarCoder, false, false},
    {"smollm", kStarCoder, false, false},
    {"codeshell", kStarCoder, false, false},
    {"exaone", kStarCoder, false, false},
    {"minerva-7b", kStarCoder, false, false},
    {"tekken", kTekken, true, true},
    {"seed-coder", kSeedCoder, false, false},
    {"gpt-4o", kGpt4o, false, false},
    {"llama4", kGpt4o, false, false},
});

} // namespace

const PreTokenizerSpec* find_pre_tokenizer(std::string_view name) {
    for (const PreTokenizerSpec& spec : kSpecs) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

std::vector<std::string_view> pre_tokenizer_names() {
    std::vector<std::string_view> names;
    for (const PreTokenizerSpec& spec : kSpecs) {
        names.push_back(spec.name);
    }
    return names;
}

} // namespace hearth::text
