// The request bodies of the OpenAI-compatible API, checked and turned into what the
// generation pipeline needs. Untrusted input: every field is checked for type and range, and
// anything wrong becomes an ApiError in OpenAI's shape (HTTP status, message, type, param,
// code), never a crash. Used by the server and by the fuzz target (tests/fuzz).
//
// Accepted (everything else in the body is ignored, as OpenAI-compatible servers commonly do,
// except the fields below that would silently change the answer's meaning):
//   model                 string; empty or absent: the model that is loaded
//   messages              (chat) array of {role, content[, reasoning_content]}; role system,
//                         developer (as system), user or assistant; content a string, null
//                         (assistant) or an array of {"type":"text","text":...} parts
//   prompt                (completions) a string, or an array of exactly one string
//   temperature 0..2, top_p 0..1, min_p 0..1, top_k >= 0 (0: off), presence_penalty and
//   frequency_penalty -2..2 (the sampler has both), seed (integer)
//   max_tokens / max_completion_tokens  1..Limits::max_tokens
//   stop                  a string or an array of up to 4 strings
//   stream, stream_options.include_usage
//   reasoning_effort      "low", "medium" or "high" (gpt-oss)
//   chat_template_kwargs.enable_thinking  bool (as llama.cpp's server takes it)
// Refused with 400 because Hearth cannot honour them: n > 1, non-empty tools, logprobs,
// response_format other than text, image or audio content parts, tool messages, echo, best_of
// > 1, suffix.
#pragma once

#include "sampling_params.h"
#include "text/chat_template.h"

#include <QByteArray>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hearth::server {

enum class Endpoint { Chat, Completion };

struct Limits {
    qsizetype max_body_bytes = 4 << 20; // request bodies larger than this: 413
    int max_tokens = 4096;              // the largest max_tokens a request may ask for
    int max_messages = 1024;
};

// An error response: {"error":{"message","type","param","code"}} with this HTTP status.
struct ApiError {
    int status = 400;
    std::string message;
    std::string type = "invalid_request_error";
    std::string param; // the offending field, or "" (null in JSON)
    std::string code;  // a machine-readable reason, or "" (null in JSON)
};

// The sampler fields a request set; the rest come from the model's recommendations.
struct SamplingOverrides {
    std::optional<float> temperature, top_p, min_p, presence_penalty, frequency_penalty;
    std::optional<int> top_k;
    std::optional<uint64_t> seed;

    // `base` with the fields set here replaced.
    SamplingParams over(SamplingParams base) const;
};

struct ApiRequest {
    Endpoint endpoint = Endpoint::Chat;
    std::string model;
    bool stream = false;
    bool include_usage = false;        // stream_options.include_usage
    std::vector<ChatMessage> messages; // Chat
    std::string prompt;                // Completion
    SamplingOverrides sampling;
    std::optional<int> max_tokens; // absent: Limits::max_tokens (the context still ends it)
    std::vector<std::string> stop;
    std::optional<ReasoningEffort> reasoning_effort;
    std::optional<bool> enable_thinking;
};

using ParsedRequest = std::variant<ApiRequest, ApiError>;

// `body` as the JSON body of `endpoint`. Size is checked by the caller (Limits::max_body_bytes)
// before the body is read; this checks everything else.
ParsedRequest parseRequest(Endpoint endpoint, const QByteArray& body, const Limits& limits);

} // namespace hearth::server
