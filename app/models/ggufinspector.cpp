#include "ggufinspector.h"

#include "gguf/gguf_file.h"
#include "gguf/split.h"
#include "model/model.h"
#include "model/model_config.h"
#include "tensor/ggml_type.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <map>
#include <span>

namespace {

QString text(const hearth::gguf::File& file, const char* key) {
    const hearth::gguf::Value* v = file.find(key);
    return v != nullptr && v->as_string()
               ? QString::fromUtf8(v->as_string()->data(), qsizetype(v->as_string()->size()))
               : QString();
}

std::optional<uint64_t> number(const hearth::gguf::File& file, const std::string& key) {
    const hearth::gguf::Value* v = file.find(key);
    return v != nullptr ? v->as_uint() : std::nullopt;
}

// The tensor type that holds the most bytes: what a quantization is mostly made of.
QString dominantType(const hearth::gguf::File& file) {
    std::map<hearth::GgmlType, uint64_t> bytes;
    for (const hearth::gguf::TensorInfo& t : file.tensors()) {
        bytes[t.type] += t.bytes;
    }
    const auto top = std::max_element(bytes.begin(), bytes.end(),
                                      [](auto& a, auto& b) { return a.second < b.second; });
    return top == bytes.end()
               ? QString()
               : QString::fromLatin1(hearth::type_name(top->first).data(),
                                     qsizetype(hearth::type_name(top->first).size()));
}

// Fills what the header says and what the engine's loader thinks of it.
void describe(hearth::gguf::File file, GgufInfo& info) {
    for (const hearth::gguf::TensorInfo& t : file.tensors()) {
        info.parameters += t.elements;
    }
    info.valid = true;
    if (const QString name = text(file, "general.name"); !name.isEmpty()) {
        info.name = name;
    }
    info.license = text(file, "general.license");
    info.architecture = text(file, "general.architecture");
    const std::optional<uint64_t> type = number(file, "general.file_type");
    info.quant = type ? fileTypeName(*type) : QString();
    if (info.quant.isEmpty()) {
        info.quant = dominantType(file);
    }
    const std::string arch = info.architecture.toStdString();
    info.contextLength = qint64(number(file, arch + ".context_length").value_or(0));
    info.hasChatTemplate = file.find("tokenizer.chat_template") != nullptr;
    if (hearth::Result<hearth::ModelConfig> config = hearth::load_config(file); config) {
        KvCacheShape shape{int(config->n_layer), int(config->n_head_kv), int(config->head_dim)};
        for (const hearth::LayerConfig& layer : config->layers) {
            shape.slidingLayers += layer.window > 0;
            shape.slidingWindow = std::max(shape.slidingWindow, int(layer.window));
        }
        info.kvCache = shape;
    }
    const bool firstPartOnly = file.header_only() && number(file, "split.count").value_or(1) > 1;
    if (firstPartOnly) {
        // The tensors are spread over parts not read here: the architecture and the
        // configuration decide, the weights are checked when the parts are here.
        hearth::Result<hearth::ModelConfig> config = hearth::load_config(file);
        info.runnable = config.ok();
        if (!config) {
            info.problem = QString::fromStdString(config.error().message);
        }
        return;
    }
    // The engine's own loader decides: architecture, configuration and every weight's shape
    // and type are checked exactly as when the model is opened for a chat.
    hearth::Result<std::unique_ptr<hearth::Model>> model =
        hearth::Model::from_file(std::move(file));
    info.runnable = model.ok();
    if (!model) {
        info.problem = QString::fromStdString(model.error().message);
    }
}

} // namespace

QString fileTypeName(quint64 fileType) {
    // llama.cpp's llama_ftype values; gaps are retired types.
    static const std::map<quint64, const char*> names = {
        {0, "F32"},      {1, "F16"},      {2, "Q4_0"},    {3, "Q4_1"},    {7, "Q8_0"},
        {8, "Q5_0"},     {9, "Q5_1"},     {10, "Q2_K"},   {11, "Q3_K_S"}, {12, "Q3_K_M"},
        {13, "Q3_K_L"},  {14, "Q4_K_S"},  {15, "Q4_K_M"}, {16, "Q5_K_S"}, {17, "Q5_K_M"},
        {18, "Q6_K"},    {19, "IQ2_XXS"}, {20, "IQ2_XS"}, {21, "Q2_K_S"}, {22, "IQ3_XS"},
        {23, "IQ3_XXS"}, {24, "IQ1_S"},   {25, "IQ4_NL"}, {26, "IQ3_S"},  {27, "IQ3_M"},
        {28, "IQ2_S"},   {29, "IQ2_M"},   {30, "IQ4_XS"}, {31, "IQ1_M"},  {32, "BF16"},
        {36, "TQ1_0"},   {37, "TQ2_0"},   {38, "MXFP4"},
    };
    const auto it = names.find(fileType);
    return it != names.end() ? QString::fromLatin1(it->second) : QString();
}

SplitParts splitParts(const QString& path) {
    // The engine's naming rule (gguf/split.h), so the library lists what the engine loads.
    const hearth::gguf::SplitName name =
        hearth::gguf::split_name(QFile::encodeName(path).toStdString());
    SplitParts parts;
    if (name.count > 0) {
        parts.count = int(name.count);
        parts.index = int(name.index);
    }
    for (const std::string& p : name.parts) {
        parts.paths.append(QFile::decodeName(QByteArray::fromStdString(p)));
    }
    return parts;
}

GgufInfo inspectGguf(const QString& path) {
    GgufInfo info;
    info.path = path;
    info.fileName = QFileInfo(path).fileName();
    info.name = QFileInfo(path).completeBaseName();
    const SplitParts parts = splitParts(path);
    info.splitCount = parts.count;
    for (const QString& part : parts.paths) {
        if (!QFileInfo::exists(part)) {
            info.problem = TrText(
                "GgufInspector",
                QT_TRANSLATE_NOOP("GgufInspector", "Part %1 of this split model is missing: %2"),
                {QString::number(parts.paths.indexOf(part) + 1), QFileInfo(part).fileName()});
            return info;
        }
        info.sizeBytes += QFileInfo(part).size();
    }
    // Every part of a split model, joined as the engine loads it.
    hearth::Result<hearth::gguf::File> file =
        hearth::gguf::open_model(QFile::encodeName(path).toStdString());
    if (!file) {
        info.problem = TrText("GgufInspector",
                              QT_TRANSLATE_NOOP("GgufInspector", "Not a usable GGUF file: %1"),
                              {QString::fromStdString(file.error().message)});
        return info;
    }
    describe(std::move(*file), info);
    return info;
}

GgufInfo inspectGgufHeader(QByteArrayView prefix, qint64 fileSize, const QString& fileName,
                           qint64* needed) {
    GgufInfo info;
    info.fileName = fileName;
    info.name = QFileInfo(fileName).completeBaseName();
    info.sizeBytes = fileSize;
    uint64_t more = 0;
    hearth::Result<hearth::gguf::File> file = hearth::gguf::File::parse_header(
        std::as_bytes(std::span(prefix.data(), size_t(prefix.size()))), uint64_t(fileSize),
        fileName.toStdString(), &more);
    if (needed != nullptr) {
        *needed = qint64(more);
    }
    if (!file) {
        info.problem = TrText("GgufInspector",
                              QT_TRANSLATE_NOOP("GgufInspector", "Not a usable GGUF file: %1"),
                              {QString::fromStdString(file.error().message)});
        return info;
    }
    describe(std::move(*file), info);
    return info;
}
