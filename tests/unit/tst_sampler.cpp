// The sampler against hand-computed distributions (llama.cpp's order: penalties -> top-k ->
// top-p -> min-p -> temperature), and a chi-square test of its draws.
#include "gguf_writer.h"
#include "sampling/sampler.h"

#include <QTest>
#include <cmath>

using namespace hearth;

namespace {

SamplingParams only_temperature(float t) {
    SamplingParams p;
    p.temperature = t;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    return p;
}

// Probability of `token` in the distribution (0 when filtered out).
double prob(const std::vector<Candidate>& cands, Token token) {
    for (const Candidate& c : cands) {
        if (c.token == token) {
            return c.p;
        }
    }
    return 0.0;
}

// Logits whose softmax at temperature 1 is {1/7, 2/7, 4/7}.
const std::vector<float> kSevenths = {0.0f, std::log(2.0f), std::log(4.0f)};

} // namespace

class TestSampler : public QObject {
    Q_OBJECT

private slots:
    void greedyTakesTheLargestLogitAndLowestIdOnTies() {
        Sampler s(only_temperature(0.0f));
        const std::vector<float> logits = {1.0f, 3.0f, 2.0f};
        QCOMPARE(s.sample(logits), Token(1));
        const std::vector<float> tie = {0.5f, 2.0f, 2.0f};
        QCOMPARE(s.sample(tie), Token(1));
    }

    void temperatureScalesLogits() {
        auto d = Sampler(only_temperature(1.0f)).distribution(kSevenths);
        QCOMPARE(d.size(), size_t(3));
        QCOMPARE(d[0].token, Token(2)); // most likely first
        QVERIFY(std::abs(prob(d, 0) - 1.0 / 7) < 1e-6);
        QVERIFY(std::abs(prob(d, 1) - 2.0 / 7) < 1e-6);
        QVERIFY(std::abs(prob(d, 2) - 4.0 / 7) < 1e-6);
        // T = 2 halves the logits: weights 1, sqrt(2), 2.
        d = Sampler(only_temperature(2.0f)).distribution(kSevenths);
        const double total = 1.0 + std::sqrt(2.0) + 2.0;
        QVERIFY(std::abs(prob(d, 0) - 1.0 / total) < 1e-6);
        QVERIFY(std::abs(prob(d, 1) - std::sqrt(2.0) / total) < 1e-6);
    }

    void topKKeepsTheKBest() {
        SamplingParams p = only_temperature(1.0f);
        p.top_k = 2;
        auto d = Sampler(p).distribution(kSevenths);
        QCOMPARE(d.size(), size_t(2));
        QVERIFY(std::abs(prob(d, 2) - 4.0 / 6) < 1e-6);
        QVERIFY(std::abs(prob(d, 1) - 2.0 / 6) < 1e-6);
        QCOMPARE(prob(d, 0), 0.0);
    }

    void topPKeepsTheSmallestSufficientPrefix() {
        SamplingParams p = only_temperature(1.0f);
        p.top_p = 0.5f; // 4/7 = 0.571 already reaches it
        QCOMPARE(Sampler(p).distribution(kSevenths).size(), size_t(1));
        p.top_p = 0.8f; // needs 4/7 + 2/7 = 0.857
        auto d = Sampler(p).distribution(kSevenths);
        QCOMPARE(d.size(), size_t(2));
        QVERIFY(std::abs(prob(d, 1) - 1.0 / 3) < 1e-6);
    }

    void minPDropsTokensBelowAFractionOfTheBest() {
        SamplingParams p = only_temperature(1.0f);
        p.min_p = 0.3f; // threshold 0.3 * 4/7 = 0.171: keeps 2/7, drops 1/7
        auto d = Sampler(p).distribution(kSevenths);
        QCOMPARE(d.size(), size_t(2));
        QCOMPARE(prob(d, 0), 0.0);
        p.min_p = 0.24f; // threshold 0.137 < 1/7: keeps all three
        QCOMPARE(Sampler(p).distribution(kSevenths).size(), size_t(3));
    }

    void temperatureComesAfterTheFilters() {
        // At T = 10 the distribution is nearly flat; if temperature came first, top-p 0.5
        // would keep two tokens. In llama.cpp's order it is computed at T = 1: one token.
        SamplingParams p = only_temperature(10.0f);
        p.top_p = 0.5f;
        auto d = Sampler(p).distribution(kSevenths);
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(d[0].token, Token(2));
    }

    void repeatPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        SamplingParams p = only_temperature(1.0f);
        p.repeat_penalty = 2.0f;
        Sampler s(p);
        s.accept(2); // logit ln 4 -> ln 2: now as likely as token 1
        auto d = s.distribution(kSevenths);
        QVERIFY(std::abs(prob(d, 1) - prob(d, 2)) < 1e-6);
        QVERIFY(std::abs(prob(d, 0) - 1.0 / 5) < 1e-6);

        Sampler negative(p);
        negative.accept(0);
        const std::vector<float> logits = {-1.0f, 0.0f}; // -1 -> -2
        d = negative.distribution(logits);
        const double e = std::exp(-2.0);
        QVERIFY(std::abs(prob(d, 0) - e / (1 + e)) < 1e-6);
    }

    void frequencyAndPresencePenaltiesSubtract() {
        SamplingParams p = only_temperature(1.0f);
        p.frequency_penalty = 0.25f;
        p.presence_penalty = 0.5f;
        Sampler s(p);
        s.accept(1);
        s.accept(1); // token 1: ln 2 - 2 * 0.25 - 0.5 = ln 2 - 1
        auto d = s.distribution(kSevenths);
        const double w1 = 2.0 * std::exp(-1.0);
        QVERIFY(std::abs(prob(d, 1) - w1 / (1 + w1 + 4)) < 1e-6);
    }

    void penaltiesOnlySeeTheLastNTokens() {
        SamplingParams p = only_temperature(1.0f);
        p.repeat_penalty = 2.0f;
        p.penalty_last_n = 2;
        Sampler s(p);
        s.accept(2);
        s.accept(0);
        s.accept(0); // token 2 has left the window
        auto d = s.distribution(kSevenths);
        QVERIFY(prob(d, 2) > 0.5);
    }

    void drawsFollowTheDistribution() {
        // Chi-square goodness of fit over a sweep of seeds: 4 degrees of freedom, critical
        // value 18.47 at p = 0.001.
        const std::vector<float> logits = {std::log(1.0f), std::log(2.0f), std::log(3.0f),
                                           std::log(4.0f), std::log(10.0f)};
        const double expected_p[] = {1 / 20.0, 2 / 20.0, 3 / 20.0, 4 / 20.0, 10 / 20.0};
        std::vector<int> counts(5, 0);
        const int per_seed = 1000, seeds = 20;
        for (int seed = 1; seed <= seeds; ++seed) {
            SamplingParams p = only_temperature(1.0f);
            p.seed = uint64_t(seed);
            Sampler s(p);
            for (int i = 0; i < per_seed; ++i) {
                ++counts[size_t(s.sample(logits))];
            }
        }
        double chi2 = 0.0;
        for (size_t i = 0; i < 5; ++i) {
            const double expected = expected_p[i] * per_seed * seeds;
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        QVERIFY2(chi2 < 18.47, qPrintable(QString("chi-square %1").arg(chi2)));
    }

    void aSeedReproducesItsDraws() {
        SamplingParams p = only_temperature(1.0f);
        p.seed = 42;
        Sampler a(p), b(p);
        p.seed = 43;
        Sampler c(p);
        std::vector<Token> ra, rb, rc;
        const std::vector<float> logits = {0.1f, 0.2f, 0.3f, 0.4f};
        for (int i = 0; i < 64; ++i) {
            ra.push_back(a.sample(logits));
            rb.push_back(b.sample(logits));
            rc.push_back(c.sample(logits));
        }
        QCOMPARE(ra, rb);
        QVERIFY(ra != rc);
        a.reset();
        QCOMPARE(a.sample(logits), rb.front());
    }

    void readsRecommendedValuesFromGguf() {
        test::GgufWriter w;
        w.set_f32("general.sampling.temp", 0.6f);
        w.set_i32("general.sampling.top_k", 20);
        w.set_f32("general.sampling.top_p", 0.9f);
        const std::vector<std::byte> bytes = w.serialize();
        auto file = gguf::File::parse(bytes);
        QVERIFY(file.ok());
        const SamplingParams p = sampling_from_gguf(*file);
        QCOMPARE(p.temperature, 0.6f);
        QCOMPARE(p.top_k, 20);
        QCOMPARE(p.top_p, 0.9f);
        QCOMPARE(p.min_p, SamplingParams{}.min_p); // absent: default kept
    }

    // Out-of-range values in a model file are brought into the table's ranges (a top-k of -1,
    // llama.cpp's "off", is 0, also off).
    void recommendedValuesAreClampedToTheTable() {
        test::GgufWriter w;
        w.set_f32("general.sampling.temp", 9.0f);
        w.set_i32("general.sampling.top_k", -1);
        const std::vector<std::byte> bytes = w.serialize();
        auto file = gguf::File::parse(bytes);
        QVERIFY(file.ok());
        const SamplingParams p = sampling_from_gguf(*file);
        QCOMPARE(p.temperature, 2.0f);
        QCOMPARE(p.top_k, 0);
    }

    // The defaults are llama.cpp's (common/common.h, struct common_params_sampling: temp 0.80,
    // top_k 40, top_p 0.95, min_p 0.05, penalty_repeat 1.00, penalty_freq 0.00,
    // penalty_present 0.00, penalty_last_n 64).
    void defaultsAreLlamaCppsAndComeFromTheTable() {
        const SamplingParams p;
        QCOMPARE(p.temperature, 0.80f);
        QCOMPARE(p.top_k, 40);
        QCOMPARE(p.top_p, 0.95f);
        QCOMPARE(p.min_p, 0.05f);
        QCOMPARE(p.repeat_penalty, 1.00f);
        QCOMPARE(p.frequency_penalty, 0.0f);
        QCOMPARE(p.presence_penalty, 0.0f);
        QCOMPARE(p.penalty_last_n, 64);
        for (const SamplingFieldInfo& f : kSamplingFields) {
            QCOMPARE(p.get(f.field), double(float(f.default_value)));
            QVERIFY2(f.min <= f.default_value && f.default_value <= f.max, f.name.data());
            SamplingParams q;
            q.set(f.field, f.max + 1);
            QCOMPARE(q.get(f.field), double(float(f.max)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
