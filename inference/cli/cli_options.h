// Command line of hearth-cli:
//   hearth-cli --model FILE (--prompt TEXT | --prompt-file FILE | -i) [--system TEXT] [--no-think]
//              [--reasoning-effort low|medium|high] [--verbose-prompt] [--n-predict N] [--temp T]
//              [--seed S]
//              [--top-k K] [--top-p P] [--min-p P] [--repeat-penalty R]
//              [--ctx N] [--threads N] [--backend cpu|cpu-reference|vulkan|auto]
//              [--gpu-layers N]
//   hearth-cli --model FILE --prompt TEXT --raw [sampling and run options as above]
//   hearth-cli --model FILE --info
//   hearth-cli --model FILE --tokenize TEXT
//   hearth-cli --model FILE --perplexity TEXT_FILE [--ctx N]
#pragma once

#include "result.h"
#include "sampling/sampler.h"
#include "session.h"
#include "text/chat_template.h"

#include <optional>
#include <string>
#include <vector>

namespace hearth::cli {

// Chat: turns through the model's chat template (--prompt and/or lines from stdin with -i);
// Complete: the prompt as is (--raw).
enum class Mode { Chat, Complete, Info, Tokenize, Perplexity };

struct Options {
    Mode mode = Mode::Chat;
    std::string model;
    std::string text; // prompt, text to tokenize, or the file for perplexity
    // --prompt-file: the prompt is this file's contents (read_prompt_file() puts them in
    // `text`); for prompts longer than one command-line argument may be (128 KiB on Linux).
    std::string prompt_file;
    int n_predict = 128;
    uint32_t n_ctx = 0; // 0: the model's training context, capped at 4096
    unsigned threads = 0;
    std::string backend = "cpu";
    int gpu_layers = -1; // --gpu-layers: layers on the Vulkan device (-1: as many as fit)
    bool raw = false;
    bool interactive = false; // -i: further user turns from stdin until EOF
    std::string system;       // --system: a system message opening the conversation
    bool thinking = true;     // --no-think: enable_thinking=false for the template
    // --reasoning-effort: the template's reasoning_effort (gpt-oss); absent: its default.
    std::optional<ReasoningEffort> reasoning_effort;
    bool verbose_prompt = false; // print each turn's rendered prompt, tokens and reply
    // Sampling settings given on the command line (others come from the model or defaults).
    // Fields of sampling_params.h's table, by their `flag`; each within its range.
    SamplingValues sampling;
    std::optional<uint64_t> seed;
    bool help = false;
};

// Parses argv; an Error carries the message to print before the usage text.
Result<Options> parse_options(const std::vector<std::string>& args);
// Reads --prompt-file into o.text (nothing to do without one).
Result<void> read_prompt_file(Options& o);
std::string usage();

// The session the options ask for; "auto" keeps its measurements in the user's cache folder.
SessionOptions session_options(const Options& o, uint32_t n_ctx);

} // namespace hearth::cli
