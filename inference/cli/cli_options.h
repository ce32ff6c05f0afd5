// Command line of hearth-cli:
//   hearth-cli --model FILE --prompt TEXT [--n-predict N] [--temp T] [--seed S]
//              [--top-k K] [--top-p P] [--min-p P] [--repeat-penalty R]
//              [--ctx N] [--threads N] [--backend cpu|vulkan|auto] [--raw]
//   hearth-cli --model FILE --info
//   hearth-cli --model FILE --tokenize TEXT
//   hearth-cli --model FILE --perplexity TEXT_FILE [--ctx N]
#pragma once

#include "result.h"
#include "sampling/sampler.h"

#include <optional>
#include <string>
#include <vector>

namespace hearth::cli {

enum class Mode { Complete, Info, Tokenize, Perplexity };

struct Options {
    Mode mode = Mode::Complete;
    std::string model;
    std::string text; // prompt, text to tokenize, or the file for perplexity
    int n_predict = 128;
    uint32_t n_ctx = 0; // 0: the model's training context, capped at 4096
    unsigned threads = 0;
    std::string backend = "cpu";
    bool raw = false;
    // Sampling settings given on the command line (others come from the model or defaults).
    std::optional<float> temperature, top_p, min_p, repeat_penalty;
    std::optional<int32_t> top_k;
    std::optional<uint64_t> seed;
    bool help = false;
};

// Parses argv; an Error carries the message to print before the usage text.
Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

} // namespace hearth::cli
