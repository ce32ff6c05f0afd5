// Why Hearth runs on the CPU although the graphics processor was to be used, in the
// interface language. The engine (no Qt) explains in English; the reasons it gives are
// recognised here and said in the user's language, and an unknown one becomes a translated
// sentence with the engine's words as its detail.
#pragma once

#include "trtext.h"

#include <QString>

// `reason` as hearth::create_session reports it ("the only Vulkan device, llvmpipe (LLVM
// 19.1.7, 256 bits), runs on the CPU, where the CPU backend is faster"); empty stays empty.
// The text continues "Hearth uses the CPU because ...".
TrText fallbackReasonText(const QString& reason);
