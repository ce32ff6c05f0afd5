// The response bodies of the OpenAI-compatible API, as OpenAI's clients read them.
//
//   chat.completion        {"id":"chatcmpl-N","object":"chat.completion","created":SECONDS,
//                           "model":ID,"choices":[{"index":0,"message":{"role":"assistant",
//                           "content":TEXT[,"reasoning_content":TEXT]},"finish_reason":R}],
//                           "usage":{"prompt_tokens","completion_tokens","total_tokens"}}
//   chat.completion.chunk  the same with "delta" for "message" (role first, then content or
//                           reasoning_content pieces, then {} with the finish_reason); with
//                           stream_options.include_usage every chunk has "usage":null and a
//                           last chunk has no choices and the usage
//   text_completion        {"choices":[{"index":0,"text":TEXT,"logprobs":null,
//                           "finish_reason":R}], ...}, streamed as chunks of the same shape
//   list of models         {"object":"list","data":[MODEL...]}, MODEL {"id","object":"model",
//                           "created","owned_by"} (also alone: GET /v1/models/{id})
//   error                  {"error":{"message","type","param","code"}} (param, code: null when
//                           empty)
// A server-sent event is "data: " JSON "\n\n"; a stream ends with "data: [DONE]\n\n".
#pragma once

#include "apirequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>
#include <string>

namespace hearth::server {

struct Usage {
    int prompt_tokens = 0;
    int completion_tokens = 0;
};

// What every object of one response shares.
struct ResponseHead {
    Endpoint endpoint = Endpoint::Chat;
    std::string id;     // "chatcmpl-…" or "cmpl-…"
    qint64 created = 0; // Unix seconds
    std::string model;
};

struct InstalledModel {
    std::string id; // the file name without .gguf (and without a split part's suffix)
    std::string path;
    qint64 created = 0; // the file's modification time, Unix seconds
};

QJsonObject usageJson(const Usage& usage);
QByteArray errorBody(const ApiError& error);
QByteArray modelsBody(const std::vector<InstalledModel>& models);
QByteArray modelBody(const InstalledModel& model); // one entry of the list, alone

// The whole answer of a request that was not streamed. `finish`: "stop" or "length".
QByteArray completionBody(const ResponseHead& head, const std::string& answer,
                          const std::string& reasoning, const std::string& finish,
                          const Usage& usage);

// One streamed chunk: the first one (role only, chat), a piece of text, or the end
// (`finish` set). `withUsageNull`: stream_options.include_usage was asked for.
QByteArray chunkEvent(const ResponseHead& head, const std::optional<std::string>& answer,
                      const std::optional<std::string>& reasoning, bool role,
                      const std::optional<std::string>& finish, bool withUsageNull);
QByteArray usageEvent(const ResponseHead& head, const Usage& usage);
QByteArray errorEvent(const ApiError& error);
QByteArray doneEvent();

} // namespace hearth::server
