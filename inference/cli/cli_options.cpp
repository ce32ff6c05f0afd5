#include "cli/cli_options.h"

#include "backend_choice.h"
#include "text/chat_template.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace hearth::cli {

namespace {

template <class T> bool parse_number(const std::string& text, T& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

// The sampling field whose flag is `arg` ("--top-k"), or null.
const SamplingFieldInfo* sampling_flag(std::string_view arg) {
    if (!arg.starts_with("--")) {
        return nullptr;
    }
    for (const SamplingFieldInfo& f : kSamplingFields) {
        if (!f.flag.empty() && arg.substr(2) == f.flag) {
            return &f;
        }
    }
    return nullptr;
}

// 0, 0.5, 1000: a range bound as people write it.
std::string format_number(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

} // namespace

std::string usage() {
    return "usage: hearth-cli --model FILE --prompt TEXT [options]   one chat turn\n"
           "       hearth-cli --model FILE --prompt-file FILE [options] the prompt from a file\n"
           "       hearth-cli --model FILE -i [--prompt TEXT] [options]  chat: turns from stdin\n"
           "       hearth-cli --model FILE --prompt TEXT --raw [options] complete the text as is\n"
           "       hearth-cli --model FILE --info\n"
           "       hearth-cli --model FILE --tokenize TEXT\n"
           "       hearth-cli --model FILE --perplexity TEXT_FILE [-c 512]\n"
           "options:\n"
           "  -f, --prompt-file FILE  the prompt is the contents of FILE\n"
           "  -n, --n-predict N       tokens to generate (default 128)\n"
           "  --temp T                temperature; 0 = greedy (default: the model's or 0.8)\n"
           "  --top-k K, --top-p P, --min-p P, --repeat-penalty R\n"
           "  --seed S                random seed (default 0)\n"
           "  -c, --ctx N             context length (default: the model's, at most 4096)\n"
           "  -t, --threads N         CPU threads (default: all)\n"
           "  --backend cpu|cpu-reference|vulkan|auto  where to run (default cpu)\n"
           "  --gpu-layers N          vulkan: the first N layers on the GPU, the rest on the\n"
           "                          CPU (default: as many as its free memory holds)\n"
           "  --raw                   use the prompt as is, without the chat template\n"
           "  -i, --interactive       chat: read user turns from stdin until end of input\n"
           "  --system TEXT           a system message for the chat\n"
           "  --no-think              ask the chat template to turn thinking off\n"
           "  --reasoning-effort low|medium|high  how long gpt-oss reasons (its default: medium)\n"
           "  --verbose-prompt        print each turn's prompt, its tokens and the reply\n";
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    Options o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string* {
            return i + 1 < args.size() ? &args[++i] : nullptr;
        };
        auto bad = [&](const std::string& why) { return Error{a + ": " + why}; };
        if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "--raw") {
            o.raw = true;
        } else if (a == "-i" || a == "--interactive") {
            o.interactive = true;
        } else if (a == "--no-think") {
            o.thinking = false;
        } else if (a == "--verbose-prompt") {
            o.verbose_prompt = true;
        } else if (a == "--info") {
            o.mode = Mode::Info;
        } else if (a == "-m" || a == "--model" || a == "-p" || a == "--prompt" ||
                   a == "--tokenize" || a == "--perplexity" || a == "--backend" ||
                   a == "--system" || a == "-f" || a == "--prompt-file" ||
                   a == "--reasoning-effort") {
            const std::string* v = value();
            if (v == nullptr) {
                return bad("needs a value");
            }
            if (a == "-m" || a == "--model") {
                o.model = *v;
            } else if (a == "-f" || a == "--prompt-file") {
                o.prompt_file = *v;
            } else if (a == "--system") {
                o.system = *v;
            } else if (a == "--backend") {
                o.backend = *v;
            } else if (a == "--reasoning-effort") {
                o.reasoning_effort = parse_reasoning_effort(*v);
                if (!o.reasoning_effort) {
                    return bad("must be low, medium or high, not " + *v);
                }
            } else {
                o.text = *v;
                o.mode = a == "--tokenize"     ? Mode::Tokenize
                         : a == "--perplexity" ? Mode::Perplexity
                                               : o.mode;
            }
        } else {
            const std::string* v = value();
            if (v == nullptr) {
                return bad(a.starts_with("-") ? "unknown option or missing value"
                                              : "unexpected argument");
            }
            bool ok = true;
            if (a == "-n" || a == "--n-predict") {
                ok = parse_number(*v, o.n_predict) && o.n_predict >= 0;
            } else if (a == "-c" || a == "--ctx") {
                ok = parse_number(*v, o.n_ctx);
            } else if (a == "-t" || a == "--threads") {
                ok = parse_number(*v, o.threads);
            } else if (a == "--gpu-layers") {
                ok = parse_number(*v, o.gpu_layers) && o.gpu_layers >= 0;
            } else if (a == "--seed") {
                ok = parse_number(*v, o.seed.emplace());
            } else if (const SamplingFieldInfo* f = sampling_flag(a)) {
                double number = 0;
                ok = parse_number(*v, number) && !(f->integer && number != std::floor(number));
                if (ok && (number < f->min || number > f->max)) {
                    return bad(*v + " is outside " + format_number(f->min) + " to " +
                               format_number(f->max));
                }
                o.sampling[f->field] = number;
            } else {
                return bad("unknown option");
            }
            if (!ok) {
                return bad("not a valid value: " + *v);
            }
        }
    }
    if (!o.help && o.model.empty()) {
        return Error{"--model is required"};
    }
    if (o.mode == Mode::Chat && o.raw) {
        o.mode = Mode::Complete;
    }
    if (!o.prompt_file.empty() && o.mode != Mode::Chat && o.mode != Mode::Complete) {
        return Error{"--prompt-file is for a chat turn or --raw"};
    }
    if (!o.prompt_file.empty() && !o.text.empty()) {
        return Error{"--prompt and --prompt-file cannot both be given"};
    }
    const bool prompt = !o.text.empty() || !o.prompt_file.empty();
    if (!o.help && o.mode == Mode::Complete && !prompt) {
        return Error{"--prompt is required with --raw"};
    }
    if (!o.help && o.mode == Mode::Chat && !prompt && !o.interactive) {
        return Error{"--prompt is required (or -i to chat on stdin, --info, --tokenize)"};
    }
    if (o.backend != "cpu" && o.backend != "cpu-reference" && o.backend != "vulkan" &&
        o.backend != "auto") {
        return Error{"--backend must be cpu, cpu-reference, vulkan or auto"};
    }
    if (o.gpu_layers >= 0 && o.backend != "vulkan") {
        return Error{"--gpu-layers needs --backend vulkan"};
    }
    return o;
}

SessionOptions session_options(const Options& o, uint32_t n_ctx) {
    SessionOptions options;
    options.backend = o.backend;
    options.n_ctx = n_ctx;
    options.threads = o.threads;
    options.gpu_layers = o.gpu_layers;
    if (o.backend == "auto") {
        options.probe_cache = default_probe_cache();
    }
    return options;
}

Result<void> read_prompt_file(Options& o) {
    if (o.prompt_file.empty()) {
        return {};
    }
    std::ifstream in(o.prompt_file, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    if (!in && !in.eof()) {
        return Error{"cannot read " + o.prompt_file};
    }
    if (text.empty()) {
        return Error{o.prompt_file + " is empty"};
    }
    o.text = std::move(text);
    return {};
}

} // namespace hearth::cli
