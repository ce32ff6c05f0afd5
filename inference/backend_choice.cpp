#include "backend_choice.h"

#include "vulkan/vk_context.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hearth {

namespace {

using Clock = std::chrono::steady_clock;

// Bumped when the kernels change enough that old measurements no longer hold.
constexpr int kProbeVersion = 1;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Bytes the system can still give without swapping (/proc/meminfo MemAvailable); 0 unknown.
uint64_t available_memory() {
    std::ifstream in("/proc/meminfo");
    std::string key, unit;
    uint64_t kib = 0;
    while (in >> key >> kib >> unit) {
        if (key == "MemAvailable:") {
            return kib * 1024;
        }
    }
    return 0;
}

std::string format_tps(double tps) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", tps);
    return text;
}

} // namespace

std::string default_probe_cache() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if ((xdg == nullptr || *xdg == '\0') && (home == nullptr || *home == '\0')) {
        return {};
    }
    const std::filesystem::path dir = (xdg != nullptr && *xdg != '\0')
                                          ? std::filesystem::path(xdg) / "Hearth"
                                          : std::filesystem::path(home) / ".cache" / "Hearth";
    std::error_code ignored;
    std::filesystem::create_directories(dir, ignored);
    return (dir / "backend-speeds.tsv").string();
}

double BackendMeasurement::turn_seconds() const {
    const double prompt = prompt_tps > 0.0 ? 512.0 / prompt_tps : 1e9;
    const double generate = generate_tps > 0.0 ? 128.0 / generate_tps : 1e9;
    return prompt + generate;
}

std::string BackendChoice::summary() const {
    std::string out;
    for (const BackendMeasurement& m : candidates) {
        out += (out.empty() ? "" : "; ") + m.backend.name() + ": " + format_tps(m.generate_tps) +
               " tokens/s";
    }
    return out;
}

Result<BackendMeasurement> measure_session(Session& session, uint32_t n_vocab, double time_cap,
                                           const std::atomic<bool>* cancel) {
    const auto cancelled = [cancel] { return cancel != nullptr && cancel->load(); };
    // Any valid ids do: speed does not depend on which tokens they are. A small context
    // limits the probe to what fits.
    std::vector<Token> tokens(std::min<size_t>(32, session.n_ctx()));
    for (size_t i = 0; i < tokens.size(); ++i) {
        tokens[i] = Token((i * 7919 + 13) % n_vocab);
    }
    BackendMeasurement m;
    m.backend = session.backend_description();
    session.truncate(0);
    const int generate = int(std::min<size_t>(8, tokens.size()));
    for (int i = 0; i < std::min(2, generate); ++i) { // first-use costs stay out
        if (cancelled()) {
            return Error{kLoadCancelled};
        }
        if (Result<Token> t = session.eval_greedy(tokens[size_t(i)]); !t) {
            return t.error();
        }
    }
    session.truncate(0);
    Token token = tokens[0];
    const Clock::time_point start = Clock::now();
    int generated = 0;
    while (generated < generate) {
        if (cancelled()) {
            return Error{kLoadCancelled};
        }
        Result<Token> next = session.eval_greedy(token);
        if (!next) {
            return next.error();
        }
        token = *next;
        ++generated;
        if (time_cap > 0.0 && seconds_since(start) > time_cap) {
            m.stopped_early = generated < generate;
            break;
        }
    }
    m.generate_tps = generated / seconds_since(start);
    session.truncate(0);
    if (cancelled()) {
        return Error{kLoadCancelled};
    }
    if (!m.stopped_early) {
        const Clock::time_point prompt_start = Clock::now();
        if (Result<std::span<const float>> r = session.eval_batch(tokens); !r) {
            return r.error();
        }
        m.prompt_tps = double(tokens.size()) / seconds_since(prompt_start);
    } else {
        m.prompt_tps = m.generate_tps; // too slow to be chosen; no more time spent on it
    }
    session.truncate(0);
    return m;
}

std::optional<BackendMeasurement> ProbeCache::find(const std::string& model_key,
                                                   const BackendDescription& backend) const {
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string key, name, prompt, generate;
        if (std::getline(fields, key, '\t') && std::getline(fields, name, '\t') &&
            std::getline(fields, prompt, '\t') && std::getline(fields, generate) &&
            key == model_key && name == backend.name()) {
            BackendMeasurement m{backend, std::strtod(prompt.c_str(), nullptr),
                                 std::strtod(generate.c_str(), nullptr), true, false};
            if (m.prompt_tps > 0.0 && m.generate_tps > 0.0) {
                return m;
            }
        }
    }
    return std::nullopt;
}

void ProbeCache::store(const std::string& model_key, const BackendMeasurement& m) const {
    if (path_.empty()) {
        return;
    }
    std::vector<std::string> kept;
    {
        std::ifstream in(path_);
        std::string line;
        const std::string prefix = model_key + "\t" + m.backend.name() + "\t";
        while (std::getline(in, line) && kept.size() < 1000) {
            if (!line.starts_with(prefix)) {
                kept.push_back(line);
            }
        }
    }
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "%.3f\t%.3f", m.prompt_tps, m.generate_tps);
    kept.push_back(model_key + "\t" + m.backend.name() + "\t" + numbers);
    const std::string temporary = path_ + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const std::string& line : kept) {
            out << line << '\n';
        }
        if (!out) {
            return;
        }
    }
    std::rename(temporary.c_str(), path_.c_str());
}

std::string ProbeCache::model_key(const Model& model, unsigned threads) {
    const std::span<const std::byte> bytes = model.file.bytes();
    uint64_t hash = 1469598103934665603ull; // FNV-1a
    for (size_t i = 0; i < std::min<size_t>(bytes.size(), size_t(1) << 20); ++i) {
        hash = (hash ^ std::to_integer<uint8_t>(bytes[i])) * 1099511628211ull;
    }
    char key[96];
    std::snprintf(key, sizeof key, "v%d:%zu:%016llx:t%u", kProbeVersion, bytes.size(),
                  static_cast<unsigned long long>(hash), threads);
    return key;
}

Result<std::unique_ptr<Session>>
create_measured_session(const Model& model, const SessionOptions& options, BackendChoice& choice) {
    const ProbeCache cache(options.probe_cache);
    const std::string key = ProbeCache::model_key(model, options.threads);
    const uint32_t n_vocab = model.config.n_vocab;

    // The CPU first: opening it costs no copy of the weights.
    std::string cpu_reason;
    Result<std::unique_ptr<Session>> best = create_cpu_session(model, options, &cpu_reason);
    if (!best) {
        return best.error();
    }

    if (load_cancelled(options)) {
        return Error{kLoadCancelled};
    }
    // The Vulkan devices that can hold the weights (or only the one the options name).
    std::vector<vk::DeviceInfo> devices;
    const char* forced = std::getenv("HEARTH_VK_DEVICE");
    const std::string selector =
        !options.vulkan_device.empty() ? options.vulkan_device : (forced ? forced : "");
    if (Result<std::unique_ptr<vk::Context>> context = vk::Context::create(selector); context) {
        if (selector.empty()) {
            devices = (*context)->all_devices();
        } else {
            devices.push_back((*context)->info());
        }
    } else {
        choice.skipped.push_back(context.error().message);
    }
    const uint64_t weights = model.file.bytes().size();
    if (devices.empty()) {
        choice.candidates.push_back({(*best)->backend_description(), 0.0, 0.0, false, false});
        return best;
    }

    const auto measured = [&](Session& s, double cap) -> Result<BackendMeasurement> {
        if (std::optional<BackendMeasurement> m = cache.find(key, s.backend_description())) {
            return *m;
        }
        if (load_cancelled(options)) {
            return Error{kLoadCancelled};
        }
        Result<BackendMeasurement> m = measure_session(s, n_vocab, cap, options.cancel);
        if (m) { // an early stop is kept too: far slower will not become the fastest
            cache.store(key, *m);
        }
        return m;
    };
    Result<BackendMeasurement> first = measured(**best, 0.0);
    if (!first) {
        return first.error();
    }
    choice.candidates.push_back(*first);
    double best_seconds = first->turn_seconds();

    for (const vk::DeviceInfo& device : devices) {
        if (load_cancelled(options)) {
            return Error{kLoadCancelled};
        }
        const BackendDescription backend{"vulkan", device.name};
        const std::string name = backend.name();
        // A device that is the CPU (lavapipe) copies the weights into the same memory the
        // mapped file uses: only worth measuring when both fit without swapping.
        const uint64_t free_memory = available_memory();
        if (device.type == VK_PHYSICAL_DEVICE_TYPE_CPU &&
            (free_memory == 0 || free_memory < 2 * weights + (uint64_t(1) << 30))) {
            choice.skipped.push_back(name + ": a second copy of the model would not fit in memory");
            continue;
        }
        // A measurement kept from an earlier load decides without opening the device.
        if (std::optional<BackendMeasurement> m = cache.find(key, backend);
            m && m->turn_seconds() >= best_seconds) {
            choice.candidates.push_back(*m);
            continue;
        }
        // A model larger than the device's free memory runs split: as many layers as fit
        // there (or options.gpu_layers) and the rest on the CPU (split_session.h), measured
        // like any other.
        Result<std::unique_ptr<Session>> session =
            create_vulkan_session(model, options, std::to_string(device.index));
        if (!session) {
            choice.skipped.push_back(name + ": " + session.error().message);
            continue;
        }
        if ((*session)->backend_description().kind != "vulkan") {
            choice.skipped.push_back(name +
                                     (options.gpu_layers == 0
                                          ? ": no layers are to run on the GPU"
                                          : ": not one layer of the model fits in its memory"));
            continue;
        }
        // Generation more than 4 times slower than the best so far stops the probe early.
        const double cap = 4.0 * 8.0 / choice.candidates[choice.chosen].generate_tps;
        Result<BackendMeasurement> m = measured(**session, cap);
        if (load_cancelled(options)) {
            return Error{kLoadCancelled};
        }
        if (!m) {
            choice.skipped.push_back(name + ": " + m.error().message);
            continue;
        }
        choice.candidates.push_back(*m);
        if (m->turn_seconds() < best_seconds) {
            best_seconds = m->turn_seconds();
            choice.chosen = choice.candidates.size() - 1;
            best = std::move(session);
        }
    }
    return best;
}

} // namespace hearth
