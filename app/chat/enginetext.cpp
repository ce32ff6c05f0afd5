#include "enginetext.h"

#include <QtGlobal>

namespace {

const char* const kContext = "EngineText";

// The engine's sentences (inference/session.cpp, inference/vulkan/vk_context.cpp) as far as
// they matter here: the start and end of each, with the device name between them.
const QString kOnlyCpuDeviceStart = QStringLiteral("the only Vulkan device, ");
const QString kOnlyCpuDeviceEnd =
    QStringLiteral(", runs on the CPU, where the CPU backend is faster");
// "auto" measured every device (inference/session.cpp); the measurements follow in brackets.
const QString kMeasuredStart = QStringLiteral("it was faster here than the GPU (measured: ");

} // namespace

TrText fallbackReasonText(const QString& reason) {
    if (reason.isEmpty()) {
        return {};
    }
    if (reason.startsWith(kOnlyCpuDeviceStart) && reason.endsWith(kOnlyCpuDeviceEnd)) {
        const QString device =
            reason.mid(kOnlyCpuDeviceStart.size(),
                       reason.size() - kOnlyCpuDeviceStart.size() - kOnlyCpuDeviceEnd.size());
        return TrText(kContext,
                      QT_TRANSLATE_NOOP("EngineText",
                                        "the only graphics device, %1, is itself a program on "
                                        "the CPU, and Hearth's own CPU code is faster."),
                      {device});
    }
    if (reason.startsWith(kMeasuredStart) && reason.endsWith(QLatin1Char(')'))) {
        const QString measured =
            reason.mid(kMeasuredStart.size(), reason.size() - kMeasuredStart.size() - 1);
        return TrText(kContext,
                      QT_TRANSLATE_NOOP("EngineText",
                                        "it measured both, and the CPU was the faster here "
                                        "(%1)."),
                      {measured});
    }
    if (reason.startsWith(QLatin1String("no Vulkan device")) ||
        reason.startsWith(QLatin1String("cannot start Vulkan"))) {
        return TrText(kContext,
                      QT_TRANSLATE_NOOP("EngineText",
                                        "no graphics processor with Vulkan 1.2 was found (%1)."),
                      {reason});
    }
    return TrText(kContext,
                  QT_TRANSLATE_NOOP("EngineText", "the graphics processor could not be used (%1)."),
                  {reason});
}
