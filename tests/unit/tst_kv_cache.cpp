// The KV cache's size per layer (model/kv_cache.h): full for global layers, a ring of the
// window plus one pass for sliding ones, and how far back a ring lets a session resume.
#include "model/kv_cache.h"

#include <QTest>

using namespace hearth;

namespace {

// A gemma3-like configuration: `layers` layers, every 6th global, the others sliding.
ModelConfig sliding_model(uint32_t layers, uint32_t window) {
    ModelConfig c;
    c.n_layer = layers;
    c.n_head_kv = 4;
    c.head_dim = 256;
    for (uint32_t i = 0; i < layers; ++i) {
        c.layers.push_back(LayerConfig{.window = i % 6 < 5 ? window : 0});
    }
    return c;
}

} // namespace

class TestKvCache : public QObject {
    Q_OBJECT

private slots:
    void capacity() {
        QCOMPARE(kv_capacity(4096, 0, 256), 4096u);        // a global layer keeps everything
        QCOMPARE(kv_capacity(4096, 1024, 256), 1280u);     // window + one pass
        QCOMPARE(kv_capacity(1000, 1024, 256), 1000u);     // never more than the context
        QCOMPARE(kv_capacity(4096, 1024, 256, 16), 1280u); // already whole blocks
        QCOMPARE(kv_capacity(4096, 6, 256, 16), 272u);     // rounded up to key blocks
        QCOMPARE(kv_capacity(100, 0, 256, 16), 112u);      // the context too
    }

    // Gemma 3 4B's shape (34 layers, 5 of 6 sliding over 1024, 4 KV heads of 256) at 32K
    // tokens: 5 global layers keep 32768 positions, 29 sliding ones 1024 + 512.
    void bytesOfGemma3() {
        const ModelConfig c = sliding_model(34, 1024);
        const uint64_t per_position = 4ull * 256 * 2 * 2; // K and V, f16
        QCOMPARE(kv_cache_bytes(c, 32768, 512), (5ull * 32768 + 29ull * 1536) * per_position);
        QCOMPARE(kv_cache_bytes(c, 1024, 512), 34ull * 1024 * per_position);
    }

    void resumesWhileTheRingsReachBack() {
        const ModelConfig c = sliding_model(6, 8);
        KvLayout kv(c, 1000, 16);
        QCOMPARE(kv.capacity(0), 24u);
        QCOMPARE(kv.capacity(5), 1000u);
        QCOMPARE(kv.slot(0, 50), 2u);
        kv.written(100); // the rings hold positions 76..99
        QCOMPARE(kv.resumable(100), 100u);
        QCOMPARE(kv.resumable(84), 84u); // needs 76..83
        QCOMPARE(kv.resumable(83), 0u);  // needs 75, gone
        QCOMPARE(kv.resumable(5), 0u);   // needs 0..4, gone
        QCOMPARE(kv.resumable(0), 0u);
        kv.reset();
        kv.written(20);
        QCOMPARE(kv.resumable(3), 3u); // nothing overwritten yet
    }
};

QTEST_GUILESS_MAIN(TestKvCache)
#include "tst_kv_cache.moc"
