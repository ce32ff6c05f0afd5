// The Vulkan backend's setup and plumbing: weight upload (chunks, progress, several blocks,
// bytes intact), out-of-memory as an error value naming needed and available memory, the
// pipeline cache on disk, barriers only between dependent dispatches, and the session
// factory's choice of backend with its stated fallback reasons.
#include "backend_choice.h"
#include "session.h"
#include "shader_interface.h"
#include "synthetic_model.h"
#include "vk_test_device.h"
#include "vulkan/vk_autotune.h"
#include "vulkan/vk_ops.h"
#include "vulkan/vk_session.h"

#include <QTemporaryDir>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace hearth;

class TestVkDevice : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        test::SyntheticSpec spec;
        spec.type = GgmlType::Q4_K;
        bytes_ = test::make_synthetic_model(spec); // the model's views point into these
        auto file = gguf::File::parse(bytes_, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY(model.ok());
        model_ = std::move(model.value());
    }

    // Small staging chunks and blocks: many copies, several blocks, and every tensor's bytes
    // arrive intact (read back through a host-visible buffer).
    void uploadsInChunksWithProgress() {
        std::vector<uint64_t> reports;
        vk::UploadOptions options;
        options.staging_bytes = 32768;
        options.block_bytes = 200000; // the model takes ~0.8 MB
        options.progress = [&](uint64_t done, uint64_t total) {
            QVERIFY(done <= total);
            reports.push_back(done);
        };
        auto gpu = vk::upload_weights(*ctx_, model_->weights, options);
        QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
        QVERIFY(reports.size() > 10);
        QVERIFY(std::is_sorted(reports.begin(), reports.end()));
        QVERIFY(gpu->blocks.size() > 3);
        const vk::GpuTensor& down = gpu->layers[1].w_down;
        const std::span<const std::byte> want = model_->weights.layers[1].w_down.data;
        QCOMPARE(down.bytes(), uint64_t(want.size()));
        vk::Buffer back = test::host_buffer(*ctx_, std::vector<std::byte>(want.size()));
        const VkBufferCopy region{down.offset, 0, want.size()};
        QVERIFY(vk::copy_buffer(*ctx_, *down.buffer, back, {&region, 1}).ok());
        QVERIFY(std::memcmp(back.mapped().data(), want.data(), want.size()) == 0);
        QCOMPARE(gpu->output.buffer, gpu->output.buffer); // untied model: its own output
        QVERIFY(gpu->output.offset != gpu->token_embd.offset ||
                gpu->output.buffer != gpu->token_embd.buffer);
    }

    void tooLittleMemoryIsAnError() {
        vk::UploadOptions options;
        options.memory_budget = 256 << 10;
        auto gpu = vk::upload_weights(*ctx_, model_->weights, options);
        QVERIFY(!gpu.ok());
        const std::string& m = gpu.error().message;
        QVERIFY2(m.starts_with("the model needs 0.") &&
                     m.ends_with(" MiB of device memory; " + ctx_->info().name + " has 0.3 MiB"),
                 m.c_str());
    }

    // The cache is written when a session is ready and read by the next start; a file that
    // is not a pipeline cache of this device is ignored, never handed to the driver.
    void pipelineCachePersists() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("pipelines.bin").toStdString();
        {
            auto device = vk::Device::open({}, path);
            QVERIFY(device.ok());
            auto session = vk::VulkanSession::create(*model_, *device, {16, 4});
            QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
        }
        // At least the header (lavapipe stores nothing more: mesa keeps its own disk cache).
        QVERIFY(std::filesystem::file_size(path) >= sizeof(VkPipelineCacheHeaderVersionOne));
        auto again = vk::Device::open({}, path);
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().message.c_str());
        QVERIFY((*again)->save_pipeline_cache().ok());

        std::ofstream(path, std::ios::binary | std::ios::trunc) << "not a pipeline cache at all";
        auto garbage = vk::Device::open({}, path);
        QVERIFY(garbage.ok());
        QVERIFY(vk::VulkanSession::create(*model_, *garbage, {16, 4}).ok());
    }

    // q, k and v read the same input and write different outputs: no barrier among them;
    // the next dispatch reads q: one barrier.
    void barriersOnlyBetweenDependentDispatches() {
        auto kernels = vk::Kernels::create(*ctx_);
        QVERIFY(kernels.ok());
        auto gpu = vk::upload_weights(*ctx_, model_->weights);
        QVERIFY(gpu.ok());
        const vk::GpuLayer& l = gpu->layers[0];
        const uint32_t E = model_->config.n_embd;
        vk::Buffer h = test::host_buffer(*ctx_, std::vector<float>(E, 0.5f));
        vk::Buffer q = test::host_buffer(*ctx_, std::vector<float>(l.wq.rows));
        vk::Buffer k = test::host_buffer(*ctx_, std::vector<float>(l.wk.rows));
        vk::Buffer v = test::host_buffer(*ctx_, std::vector<float>(l.wv.rows));
        vk::Buffer o = test::host_buffer(*ctx_, std::vector<float>(E));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(**kernels, *batch);
        rec.matvec(l.wq, {vk::whole(h), vk::whole(q)});
        rec.matvec(l.wk, {vk::whole(h), vk::whole(k)});
        rec.matvec(l.wv, {vk::whole(h), vk::whole(v)});
        QCOMPARE(batch->barriers(), 0u);
        rec.matvec(l.wo, {vk::whole(q), vk::whole(o)});
        QCOMPARE(batch->barriers(), 1u);
        QVERIFY(rec.status().ok());
        QVERIFY(batch->submit_and_wait().ok());
        QCOMPARE(batch->barriers(), 0u); // counted per recording
    }

    // Subgroup size control: the reducing kernels require full subgroups of one size the
    // device offers (the largest dividing their workgroups, or HEARTH_VK_SUBGROUP_SIZE);
    // a size outside the device's range is refused with a clear error, not passed on.
    void subgroupSizePinned() {
        const vk::DeviceFeatures& f = ctx_->info().features;
        if (!f.subgroup_size_control || !ctx_->info().subgroup_arithmetic) {
            QSKIP("the device has no subgroup size control for compute shaders");
        }
        auto kernels = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Subgroups);
        QVERIFY(kernels.ok());
        const uint32_t size = (*kernels)->subgroup_size();
        QVERIFY(size >= f.min_subgroup_size && size <= f.max_subgroup_size);
        QCOMPARE(64 % size, 0u);
        QCOMPARE((*kernels)->rms_norm().subgroup_size(), size);
        QCOMPARE((*kernels)->attention().subgroup_size(), size);
        QCOMPARE((*kernels)->matvec_min_lanes(), size);
        auto matvec = (*kernels)->matvec(GgmlType::Q4_0, false);
        QVERIFY(matvec.ok());
        QCOMPARE((*matvec)->subgroup_size(), size);
        QVERIFY((*kernels)->describe().find("subgroups of " + std::to_string(size)) !=
                std::string::npos);

        qputenv("HEARTH_VK_SUBGROUP_SIZE", QByteArray::number(f.min_subgroup_size));
        auto smallest = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Subgroups);
        qputenv("HEARTH_VK_SUBGROUP_SIZE", "0");
        auto unpinned = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Subgroups);
        qunsetenv("HEARTH_VK_SUBGROUP_SIZE");
        QVERIFY(smallest.ok() && unpinned.ok());
        QCOMPARE((*smallest)->subgroup_size(), f.min_subgroup_size);
        QCOMPARE((*unpinned)->subgroup_size(), 0u);
        QCOMPARE((*unpinned)->rms_norm().subgroup_size(), 0u);

        for (uint32_t bad : {f.max_subgroup_size * 2, 3u}) {
            auto refused =
                vk::Kernel::create(*ctx_, "axpby", 2, sizeof(gpu::AxpbyPush), {}, ~0u, bad);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.find("cannot run subgroups of") != std::string::npos,
                     refused.error().message.c_str());
        }
    }

    // The prefill tile: measured among the candidates at the first load (within the budget:
    // no candidate starts after it), cached next to the pipeline cache, read back at the
    // second load without measuring; other devices' lines are kept; HEARTH_VK_TILE forces a
    // tile and refuses one that does not fit.
    void tileAutotunedOnceAndCached() {
        QTemporaryDir dir;
        const std::string pipelines = (dir.path() + "/pipelines.bin").toStdString();
        const std::string tiles = pipelines + ".tiles";
        std::ofstream(tiles) << "some other GPU|driver 1|00ff\t32 32 1 4 4\n";
        const std::vector<vk::Kernels::MatmulTile> candidates = vk::tile_candidates(ctx_->info());
        QVERIFY(candidates.size() >= 2);
        auto same = [](const vk::Kernels::MatmulTile& a, const vk::Kernels::MatmulTile& b) {
            return a.bm == b.bm && a.bn == b.bn && a.bk_units == b.bk_units && a.tm == b.tm &&
                   a.tn == b.tn;
        };

        auto first = vk::choose_tile(*ctx_, tiles, 0.0); // a zero budget: one candidate only
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QCOMPARE(int(first->source), int(vk::TileChoice::Source::Measured));
        QCOMPARE(first->seconds.size(), size_t(1));
        QVERIFY(same(first->tile, candidates[0]));

        std::ofstream(tiles, std::ios::trunc) << "some other GPU|driver 1|00ff\t32 32 1 4 4\n";
        auto tuned = vk::choose_tile(*ctx_, tiles, 60.0); // room for all of them
        QVERIFY(tuned.ok());
        QCOMPARE(tuned->seconds.size(), candidates.size());
        const size_t fastest =
            size_t(std::ranges::min_element(tuned->seconds) - tuned->seconds.begin());
        QVERIFY(same(tuned->tile, candidates[fastest]));
        qInfo("tile %ux%u (%ux%u per invocation) of %zu candidates in %.2f s", tuned->tile.bm,
              tuned->tile.bn, tuned->tile.tm, tuned->tile.tn, candidates.size(),
              tuned->tuning_seconds);

        auto device = vk::Device::open({}, pipelines);
        QVERIFY(device.ok());
        QCOMPARE(int((*device)->tile.source), int(vk::TileChoice::Source::Cache));
        QVERIFY((*device)->tile.seconds.empty()); // nothing measured again
        QVERIFY(same((*device)->kernels->matmul_tile(), tuned->tile));

        std::ofstream(tiles, std::ios::app) << "some other GPU|driver 2|00ff\t64 64 1 4 4\n";
        auto again = vk::choose_tile(*ctx_, tiles);
        QVERIFY(again.ok());
        QCOMPARE(int(again->source), int(vk::TileChoice::Source::Cache));
        std::ifstream in(tiles);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        QVERIFY(text.find("some other GPU|driver 1|00ff\t32 32 1 4 4") != std::string::npos);
        QVERIFY(text.find(vk::tile_cache_key(*ctx_)) != std::string::npos);

        qputenv("HEARTH_VK_TILE", "32,32,1,8,8");
        auto forced = vk::choose_tile(*ctx_, tiles);
        qputenv("HEARTH_VK_TILE", "4096,4096,1,1,1");
        auto too_large = vk::choose_tile(*ctx_, tiles);
        qunsetenv("HEARTH_VK_TILE");
        QVERIFY(forced.ok());
        QCOMPARE(int(forced->source), int(vk::TileChoice::Source::Override));
        QVERIFY(same(forced->tile, {.bm = 32, .bn = 32, .bk_units = 1, .tm = 8, .tn = 8}));
        QVERIFY(!too_large.ok());
        QVERIFY2(too_large.error().message.find("HEARTH_VK_TILE") != std::string::npos,
                 too_large.error().message.c_str());
    }

    // f16 tiles in the tuning: not measured on CPU devices unless HEARTH_VK_F16_TILES=1; then
    // the fastest candidate is measured once more with them and " f16" is kept in the cache
    // file exactly when that was faster; a cached or forced " f16" tile is read back as one,
    // and the kernels follow it (unless HEARTH_VK_F16_TILES=0).
    void f16TilesTunedAndCached() {
        const vk::DeviceInfo& info = ctx_->info();
        if (!info.features.float16) {
            QSKIP("the device has no shaderFloat16");
        }
        QTemporaryDir dir;
        const std::string tiles = (dir.path() + "/pipelines.bin.tiles").toStdString();
        auto read_file = [&] {
            std::ifstream in(tiles);
            return std::string{std::istreambuf_iterator<char>(in), {}};
        };
        if (info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
            auto plain = vk::choose_tile(*ctx_, tiles, 0.0);
            QVERIFY(plain.ok());
            QCOMPARE(plain->f16_seconds, 0.0);
            QVERIFY(!plain->tile.f16);
            std::filesystem::remove(tiles);
        }
        qputenv("HEARTH_VK_F16_TILES", "1");
        auto tuned = vk::choose_tile(*ctx_, tiles, 0.0);
        qunsetenv("HEARTH_VK_F16_TILES");
        QVERIFY2(tuned.ok(), tuned.ok() ? "" : tuned.error().message.c_str());
        QCOMPARE(tuned->seconds.size(), size_t(1));
        QVERIFY(tuned->f16_seconds > 0.0);
        QCOMPARE(tuned->tile.f16, tuned->f16_seconds < tuned->seconds[0]);
        QCOMPARE(read_file().find(" f16\n") != std::string::npos, tuned->tile.f16);
        qInfo("f32 tiles %.2f ms, f16 tiles %.2f ms", tuned->seconds[0] * 1e3,
              tuned->f16_seconds * 1e3);

        const vk::Kernels::MatmulTile t = tuned->tile;
        std::ofstream(tiles, std::ios::trunc)
            << vk::tile_cache_key(*ctx_) << "\t" << t.bm << " " << t.bn << " " << t.bk_units << " "
            << t.tm << " " << t.tn << " f16\n";
        auto cached = vk::choose_tile(*ctx_, tiles);
        QVERIFY(cached.ok());
        QCOMPARE(int(cached->source), int(vk::TileChoice::Source::Cache));
        QVERIFY(cached->tile.f16);
        auto kernels = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto,
                                           vk::Kernels::Prefill::Matmul, &cached->tile);
        QVERIFY(kernels.ok() && (*kernels)->uses_f16_tiles());
        qputenv("HEARTH_VK_F16_TILES", "0");
        auto off = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto,
                                       vk::Kernels::Prefill::Matmul, &cached->tile);
        qunsetenv("HEARTH_VK_F16_TILES");
        QVERIFY(off.ok() && !(*off)->uses_f16_tiles());

        qputenv("HEARTH_VK_TILE", "32,32,1,8,8,f16");
        auto forced = vk::choose_tile(*ctx_, tiles);
        qunsetenv("HEARTH_VK_TILE");
        QVERIFY(forced.ok() && forced->tile.f16 && forced->tile.bm == 32);
    }

    // The validation messenger sees a real mistake: a storage buffer of zero bytes
    // (VUID-VkBufferCreateInfo-size-00912). Taken here, so nothing reaches stderr.
    void validationReportsMistakes() {
        auto validated = vk::Context::create({}, true);
        QVERIFY2(validated.ok(), validated.ok() ? "" : validated.error().message.c_str());
        vk::Validation* validation = (*validated)->validation();
        QVERIFY(validation != nullptr);
        QCOMPARE(validation->count(), size_t(0));
        VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
        info.size = 0;
        info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
        VkBuffer buffer = VK_NULL_HANDLE;
        if (vkCreateBuffer((*validated)->device(), &info, nullptr, &buffer) == VK_SUCCESS) {
            vkDestroyBuffer((*validated)->device(), buffer, nullptr);
        }
        const std::vector<std::string> messages = validation->take();
        QVERIFY(!messages.empty());
        QVERIFY2(messages[0].find("size") != std::string::npos, messages[0].c_str());
        QCOMPARE(validation->count(), size_t(0));
    }

    void factoryChoosesBackendAndSaysWhy() {
        std::string why;
        SessionOptions o;
        o.n_ctx = 16;
        o.backend = "vulkan";
        auto vulkan = create_session(*model_, o, &why);
        QVERIFY2(vulkan.ok(), vulkan.ok() ? "" : vulkan.error().message.c_str());
        QVERIFY((*vulkan)->backend_name().starts_with("vulkan (" + ctx_->info().name));
        QVERIFY(why.empty());

        // "auto" measures the CPU and the device and keeps the faster for a typical turn
        // (which one wins is the machine's business, not the test's); a second load finds
        // the measurements in the cache file and agrees.
        QTemporaryDir dir;
        o.backend = "auto";
        o.probe_cache = (dir.path() + "/speeds.tsv").toStdString();
        for (bool cached : {false, true}) {
            BackendChoice choice;
            why.clear();
            auto automatic = create_session(*model_, o, &why, &choice);
            QVERIFY2(automatic.ok(), automatic.ok() ? "" : automatic.error().message.c_str());
            if (std::getenv("HEARTH_VK_DEVICE") != nullptr) {
                break; // a forced device: the candidates are that device's
            }
            QCOMPARE(choice.candidates.size(), size_t(1) + ctx_->all_devices().size());
            QCOMPARE(choice.candidates[0].backend.kind, std::string("cpu"));
            const auto fastest = std::min_element(
                choice.candidates.begin(), choice.candidates.end(),
                [](const auto& a, const auto& b) { return a.turn_seconds() < b.turn_seconds(); });
            QCOMPARE(size_t(fastest - choice.candidates.begin()), choice.chosen);
            QCOMPARE((*automatic)->backend_description(), fastest->backend);
            for (const BackendMeasurement& m : choice.candidates) {
                QVERIFY(m.generate_tps > 0.0 && m.prompt_tps > 0.0);
                QCOMPARE(m.from_cache, cached);
            }
            QVERIFY(choice.chosen > 0 || why.find("measured") != std::string::npos);
        }
        o.probe_cache.clear();

        o.vulkan_device = "no such device";
        why.clear();
        auto fallback = create_session(*model_, o, &why);
        QVERIFY(fallback.ok());
        QVERIFY((*fallback)->backend_name().starts_with("cpu ("));
        QVERIFY2(why.find("no Vulkan device matches \"no such device\"") == 0, why.c_str());
        o.backend = "vulkan";
        QVERIFY(!create_session(*model_, o, &why).ok());
    }

private:
    std::unique_ptr<vk::Context> ctx_;
    std::vector<std::byte> bytes_;
    std::unique_ptr<Model> model_;
};

QTEST_GUILESS_MAIN(TestVkDevice)
#include "tst_vk_device.moc"
