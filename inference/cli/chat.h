// hearth-cli's chat mode: a conversation through the model's own chat template.
//
// Each user turn (--prompt first, then with -i one line of stdin per turn until end of input)
// is added to the conversation and run through the engine's generation pipeline
// (generation/generation_pipeline.h, as in the app): the whole conversation is rendered with
// the generation prompt and tokenized with special tokens parsed, and only the tokens after
// the part the KV cache already holds are evaluated, in batches. Each turn samples with a
// fresh sampler seeded by --seed. The reply streams to stdout, the model's thinking
// dimmed on a terminal or as "> "-quoted lines otherwise; generation stops at an
// end-of-generation token or after --n-predict tokens. Diagnostics go to stderr; with
// --verbose-prompt also, per turn:
//   hearth-cli: turn N prompt: "<the rendered prompt as a JSON string>"
//   hearth-cli: turn N tokens: <the prompt's token ids>
//   hearth-cli: turn N reused R of M prompt tokens
//   hearth-cli: turn N reply: {"content": "<answer>", "reasoning_content": "<thinking>"}
#pragma once

#include "cli/cli_options.h"
#include "model/model.h"
#include "sampling/sampler.h"

namespace hearth::cli {

// Runs the chat; the process exit code (0 at end of input).
int run_chat(const Options& options, const Model& model, const SamplingParams& sampling);

} // namespace hearth::cli
