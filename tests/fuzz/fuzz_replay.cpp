// Replays fuzzing inputs through the fuzz target without libFuzzer (any compiler), so CTest
// re-checks the checked-in corpus and freshly written seed models on every run.
//   fuzz_replay DIR...          every file in each DIR
//   fuzz_replay --seeds DIR     first writes seed GGUFs (valid small models) into DIR
#include "synthetic_model.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {

void write_seeds(const fs::path& dir) {
    fs::create_directories(dir);
    using hearth::GgmlType;
    int index = 0;
    for (const char* arch : {"llama", "qwen2", "qwen3"}) {
        for (GgmlType type : {GgmlType::Q4_0, GgmlType::Q6_K}) {
            hearth::test::SyntheticSpec spec;
            spec.architecture = arch;
            spec.type = type;
            spec.n_vocab = 4;
            spec.n_layer = 1;
            spec.n_ff = 256;
            const std::vector<std::byte> bytes = hearth::test::make_synthetic_model(spec);
            std::ofstream out(dir / ("seed-" + std::to_string(index++) + ".gguf"),
                              std::ios::binary);
            out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    std::vector<fs::path> dirs;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--seeds" && i + 1 < argc) {
            write_seeds(argv[++i]);
            dirs.emplace_back(argv[i]);
        } else {
            dirs.emplace_back(argv[i]);
        }
    }
    size_t count = 0;
    for (const fs::path& dir : dirs) {
        for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++count;
        }
    }
    std::printf("replayed %zu inputs without a crash\n", count);
    return count > 0 ? 0 : 1;
}
