// libFuzzer target: the local server's request checks (app/server/apirequest.h) on any bytes,
// and the error body made from a refusal. The first byte picks the endpoint (even: chat,
// odd: completions), the rest is the body. A crash, a sanitizer report or a hang is a bug;
// refusing the input is expected. An accepted request must be within the limits it was
// checked against; a refusal must be a 400 or 413 with a message, as valid JSON.
#include "apijson.h"
#include "apirequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace hearth::server;

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const Endpoint endpoint = data[0] % 2 == 0 ? Endpoint::Chat : Endpoint::Completion;
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    Limits limits;
    limits.max_body_bytes = 1 << 16;
    limits.max_tokens = 512;
    limits.max_messages = 64;
    const ParsedRequest parsed = parseRequest(endpoint, body, limits);
    if (const ApiError* error = std::get_if<ApiError>(&parsed)) {
        require(error->status == 400 || error->status == 413);
        require(!error->message.empty());
        const QJsonDocument shaped = QJsonDocument::fromJson(errorBody(*error));
        require(shaped.object().value(QLatin1String("error")).isObject());
        return 0;
    }
    const ApiRequest& r = std::get<ApiRequest>(parsed);
    require(!r.max_tokens || (*r.max_tokens >= 1 && *r.max_tokens <= limits.max_tokens));
    require(r.stop.size() <= 4);
    if (endpoint == Endpoint::Chat) {
        require(!r.messages.empty() && int(r.messages.size()) <= limits.max_messages);
        for (const hearth::ChatMessage& m : r.messages) {
            require(m.role == "system" || m.role == "user" || m.role == "assistant");
        }
    }
    for (const std::optional<float>& f :
         {r.sampling.temperature, r.sampling.top_p, r.sampling.min_p, r.sampling.presence_penalty,
          r.sampling.frequency_penalty}) {
        require(!f || (std::isfinite(*f) && *f >= -2.0f && *f <= 2.0f));
    }
    require(!r.sampling.top_k || *r.sampling.top_k >= 0);
    return 0;
}
