// A loaded model: the mapped GGUF file, its configuration and views of its weights.
#pragma once

#include "gguf/gguf_file.h"
#include "model/model_config.h"
#include "model/weights.h"
#include "result.h"

#include <memory>
#include <string>

namespace hearth {

struct Model {
    gguf::File file;
    ModelConfig config;
    Weights weights; // views into `file`

    // A single GGUF file or any part of a split one (all parts are opened).
    static Result<std::unique_ptr<Model>> load(const std::string& path);
    static Result<std::unique_ptr<Model>> from_file(gguf::File file);
};

} // namespace hearth
