// `hearth serve`: the OpenAI-compatible server without the window (no display needed).
//
//   hearth serve [--model FILE] [--host 127.0.0.1] [--port 8080] [--api-key KEY]
//                [--allow-origin ORIGIN] [--context N] [--backend auto|cpu|vulkan]
//                [--queue N] [--max-tokens N]
//
// Serves the models of the app's models folder (and FILE); FILE, else the first model there,
// is loaded at the start. The API key may also come from HEARTH_API_KEY (kept out of the
// process list). Prints the base URL on stdout, then one line per request on stderr:
//   2026-12-05T21:40:00Z POST /v1/chat/completions 200
// (time, method, path, status; never a request's content). Runs until stopped (Ctrl+C,
// SIGTERM).
// Exit status: 1 when the model cannot be loaded or the address cannot be used, 2 for wrong
// usage.
#pragma once

namespace hearth::server {

// Whether argv is `hearth serve ...`.
bool isServeCommand(int argc, char** argv);
// Runs it in a QCoreApplication of its own; returns the exit status.
int runServe(int argc, char** argv);

} // namespace hearth::server
