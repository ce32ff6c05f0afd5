#include "model/model.h"

#include "gguf/split.h"

namespace hearth {

Result<std::unique_ptr<Model>> Model::load(const std::string& path) {
    Result<gguf::File> file = gguf::open_model(path); // every part of a split model
    if (!file) {
        return file.error();
    }
    return from_file(std::move(file.value()));
}

Result<std::unique_ptr<Model>> Model::from_file(gguf::File file) {
    auto model = std::make_unique<Model>(Model{std::move(file), {}, {}});
    Result<ModelConfig> config = load_config(model->file);
    if (!config) {
        return config.error();
    }
    model->config = std::move(config.value());
    Result<Weights> weights = bind_weights(model->file, model->config);
    if (!weights) {
        return weights.error();
    }
    model->weights = std::move(weights.value());
    return model;
}

} // namespace hearth
