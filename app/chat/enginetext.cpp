#include "enginetext.h"

#include <QtGlobal>

namespace {

const char* const kContext = "EngineText";

// The engine's sentences (inference/session.cpp, inference/vulkan/vk_context.cpp) as far as
// they matter here: the start and end of each, with the device name between them.
const QString kOnlyCpuDeviceStart = QStringLiteral("the only Vulkan device, ");
const QString kOnlyCpuDeviceEnd =
    QStringLiteral(", runs on the CPU, where the CPU backend is faster");

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
