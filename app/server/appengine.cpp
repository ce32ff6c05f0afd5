#include "appengine.h"

#include "generator.h"

#include <QThread>

namespace hearth::server {

AppEngine::AppEngine(Generator* generator) : generator_(generator) {}

void AppEngine::setSampling(const SamplingParams& sampling) {
    std::lock_guard lock(mutex_);
    sampling_ = sampling;
}

Result<void> AppEngine::use(const InstalledModel&) {
    return {}; // the model list holds only the app's loaded model (LocalApiServer)
}

SamplingParams AppEngine::sampling() const {
    std::lock_guard lock(mutex_);
    return sampling_;
}

GenerationResult AppEngine::run(const GenerationRequest& request, const GenerationEvents& events,
                                const std::atomic<bool>& cancel) {
    // The worker's thread must be running to take the call; LocalApiServer stops the server
    // before the app's worker stops (QCoreApplication::aboutToQuit).
    Generator* generator = generator_.data();
    if (generator == nullptr || !generator->thread()->isRunning()) {
        return GenerationError{GenerationErrorKind::Backend, "Hearth's model is not available."};
    }
    GenerationResult result =
        GenerationError{GenerationErrorKind::Backend, "Hearth's model is not available."};
    QMetaObject::invokeMethod(
        generator, [&] { result = generator->runExternal(request, events, cancel); },
        Qt::BlockingQueuedConnection);
    if (!result && result.error().message.empty()) {
        return GenerationError{GenerationErrorKind::Backend, "No model is loaded in Hearth."};
    }
    return result;
}

} // namespace hearth::server
