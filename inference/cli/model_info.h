// A human-readable summary of a GGUF model for `hearth-cli --info`: architecture, sizes,
// a histogram of tensor types and the tokenizer kind.
#pragma once

#include "gguf/gguf_file.h"

#include <string>

namespace hearth::cli {

std::string describe_model(const gguf::File& file);

} // namespace hearth::cli
