// Split GGUF models, as llama.cpp's gguf-split writes them: NAME-00001-of-0000N.gguf ..
// NAME-0000N-of-0000N.gguf, each a GGUF file of its own. Every part carries split.no (its
// index from 0), split.count (N) and split.tensors.count (the model's tensors in all parts);
// the first part also holds all the model's metadata; the tensors are spread over the parts.
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::gguf {

// What a file name says about splitting: `index` (from 1) and `count` when it ends in
// -IIIII-of-NNNNN.gguf (1 <= index <= count), and the paths of all parts in order; a name
// that is not a part gives index = count = 0 and just itself.
struct SplitName {
    uint32_t index = 0;
    uint32_t count = 0;
    std::vector<std::string> parts;
};
SplitName split_name(const std::string& path);

// Opens a model: a single file, or every part of a split model (whichever part `path`
// names) joined into one File: the first part's metadata, all parts' tensors. Missing,
// mismatched or repeated parts are errors that name the part.
Result<File> open_model(const std::string& path);

} // namespace hearth::gguf
