// A token id: an index into the model's vocabulary.
#pragma once

#include <cstdint>

namespace hearth {
using Token = int32_t;
}
