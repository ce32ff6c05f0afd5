// Access to the tokenizer fixtures: llama.cpp's vocab-only GGUFs with their test-tokenizer-0
// cases (shared models folder) and the extra multilingual cases (tests/data/tokenizer).
//
// Case files: <name>.inp holds the texts, each followed by a line "__ggml_vocab_test__"
// (i.e. separated by "\n__ggml_vocab_test__\n"; the file ends with that separator, so there
// is no case after the last one). <name>.out holds one line per case with the expected ids
// (space separated, no BOS) of encode(text, add_bos = false, parse_special = false).
#pragma once

#include "text/tokenizer.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

namespace hearth::test {

QString vocab_dir();       // HEARTH_MODELS_DIR/vocab
QStringList vocab_names(); // "llama-spm", "qwen2", ... for every ggml-vocab-<name>.gguf
QString vocab_path(const QString& name);

// A fixture vocabulary, loaded once per process and name.
const Tokenizer* fixture_tokenizer(const QString& name, QString* error);

std::optional<std::vector<std::string>> read_cases(const QString& inp_path);
std::optional<std::vector<std::vector<Token>>> read_expected(const QString& out_path);

QString describe(const std::vector<Token>& ids);
QString printable(const std::string& text); // escapes control characters for messages

} // namespace hearth::test
