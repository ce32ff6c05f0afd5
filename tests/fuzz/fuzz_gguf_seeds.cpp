// Writes seed GGUFs for fuzz_gguf into a folder: valid small models of every architecture
// (made by the test tools, not checked in), from which the fuzzer mutates its way into
// every part of the format and of a model load.
//   fuzz_gguf_seeds DIR
#include "synthetic_model.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_gguf_seeds DIR\n");
        return 2;
    }
    const std::filesystem::path dir(argv[1]);
    std::filesystem::create_directories(dir);
    int index = 0;
    for (const char* arch : {"llama", "qwen2", "qwen3", "qwen3moe"}) {
        for (hearth::GgmlType type : {hearth::GgmlType::Q4_0, hearth::GgmlType::Q6_K}) {
            hearth::test::SyntheticSpec spec;
            spec.architecture = arch;
            spec.type = type;
            spec.n_vocab = 4;
            spec.n_layer = 1;
            spec.n_ff = 256;
            spec.n_expert = 4; // qwen3moe
            const std::vector<std::byte> bytes = hearth::test::make_synthetic_model(spec);
            std::ofstream out(dir / ("seed-" + std::to_string(index++) + ".gguf"),
                              std::ios::binary);
            out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
            if (!out) {
                std::fprintf(stderr, "fuzz_gguf_seeds: cannot write into %s\n", argv[1]);
                return 1;
            }
        }
    }
    return 0;
}
