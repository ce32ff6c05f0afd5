#include "vocab_fixtures.h"

#include <QDir>
#include <QFile>
#include <map>
#include <memory>

namespace hearth::test {

QString vocab_dir() {
    return QStringLiteral(HEARTH_MODELS_DIR) + QStringLiteral("/vocab");
}

QStringList vocab_names() {
    QStringList names;
    const QStringList files =
        QDir(vocab_dir()).entryList({QStringLiteral("ggml-vocab-*.gguf")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        names << file.mid(11, file.size() - 11 - 5); // strip "ggml-vocab-" and ".gguf"
    }
    return names;
}

QString vocab_path(const QString& name) {
    return vocab_dir() + QStringLiteral("/ggml-vocab-") + name + QStringLiteral(".gguf");
}

const Tokenizer* fixture_tokenizer(const QString& name, QString* error) {
    static std::map<QString, std::unique_ptr<Tokenizer>> cache;
    if (const auto it = cache.find(name); it != cache.end()) {
        return it->second.get();
    }
    Result<gguf::File> file = gguf::File::open(vocab_path(name).toStdString());
    if (!file) {
        *error = QString::fromStdString(file.error().message);
        return nullptr;
    }
    Result<Tokenizer> tokenizer = Tokenizer::load(*file);
    if (!tokenizer) {
        *error = QString::fromStdString(tokenizer.error().message);
        return nullptr;
    }
    auto& slot = cache[name];
    slot = std::make_unique<Tokenizer>(std::move(*tokenizer));
    return slot.get();
}

std::optional<std::vector<std::string>> read_cases(const QString& inp_path) {
    QFile file(inp_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    std::string all(bytes.constData(), size_t(bytes.size()));
    const std::string separator = "\n__ggml_vocab_test__\n";
    std::vector<std::string> cases;
    size_t pos = 0;
    for (size_t next; (next = all.find(separator, pos)) != std::string::npos;) {
        cases.push_back(all.substr(pos, next - pos));
        pos = next + separator.size();
    }
    return cases;
}

std::optional<std::vector<std::vector<Token>>> read_expected(const QString& out_path) {
    QFile file(out_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    std::vector<std::vector<Token>> lines;
    QByteArray all = file.readAll();
    if (all.endsWith('\n')) {
        all.chop(1);
    }
    for (const QByteArray& line : all.split('\n')) {
        std::vector<Token> ids;
        for (const QByteArray& word : line.split(' ')) {
            if (!word.trimmed().isEmpty()) {
                ids.push_back(word.trimmed().toInt());
            }
        }
        lines.push_back(std::move(ids));
    }
    return lines;
}

QString describe(const std::vector<Token>& ids) {
    QStringList words;
    for (Token t : ids) {
        words << QString::number(t);
    }
    return words.join(u' ');
}

QString printable(const std::string& text) {
    QString out;
    for (QChar c : QString::fromUtf8(text.data(), qsizetype(text.size()))) {
        if (c == u'\n') {
            out += QStringLiteral("\\n");
        } else if (c == u'\t') {
            out += QStringLiteral("\\t");
        } else if (c == u'\r') {
            out += QStringLiteral("\\r");
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace hearth::test
