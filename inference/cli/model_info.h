// A human-readable summary of a GGUF model for `hearth-cli --info`: architecture, sizes,
// a histogram of tensor types and the tokenizer kind; and of this CPU's kernels.
#pragma once

#include "gguf/gguf_file.h"

#include <string>

namespace hearth::cli {

std::string describe_model(const gguf::File& file);

// The fast CPU backend's kernel variant for this CPU, the others it could run, and its cores.
std::string describe_cpu();

} // namespace hearth::cli
