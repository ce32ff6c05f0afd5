// Mixture-of-experts routing (inference/model/moe_routing.h) against hand-computed examples:
// softmax and sigmoid gating, ties (the lower expert index first), renormalisation and its
// clamp, the scale, a selection bias that chooses but does not weigh, gpt-oss's
// softmax-over-the-chosen gating.
#include "model/moe_routing.h"

#include <QTest>
#include <cmath>
#include <vector>

using namespace hearth;

namespace {

struct Routed {
    std::vector<ExpertPick> picks;
    std::vector<float> probs; // the logits after routing
};

Routed route(const MoeRouting& r, std::vector<float> logits, std::vector<float> bias = {}) {
    std::vector<ExpertPick> picks(r.n_expert_used);
    route_token(r, logits, bias, picks);
    return {picks, logits};
}

MoeRouting routing(uint32_t n, uint32_t k, ExpertGating g = ExpertGating::Softmax,
                   bool normalize = false, float scale = 1.0f) {
    return MoeRouting{n, k, g, normalize, scale};
}

std::vector<uint32_t> experts(const Routed& r) {
    std::vector<uint32_t> out;
    for (const ExpertPick& p : r.picks) {
        out.push_back(p.expert);
    }
    return out;
}

void expect_weights(const Routed& r, std::initializer_list<double> want) {
    QCOMPARE(r.picks.size(), want.size());
    size_t i = 0;
    for (double w : want) {
        QVERIFY2(
            std::abs(r.picks[i].weight - w) < 1e-6 * std::max(1.0, std::abs(w)),
            qPrintable(QString("weight %1: %2, expected %3").arg(i).arg(r.picks[i].weight).arg(w)));
        ++i;
    }
}

} // namespace

class TestMoeRouting : public QObject {
    Q_OBJECT

private slots:
    // exp(logits) = {1, 2, 4, 1} / 8: probabilities 1/8, 1/4, 1/2, 1/8; the top two are
    // experts 2 and 1.
    void softmaxTopTwo() {
        const std::vector<float> logits = {0.0f, std::log(2.0f), std::log(4.0f), 0.0f};
        const Routed plain = route(routing(4, 2), logits);
        QCOMPARE(experts(plain), (std::vector<uint32_t>{2, 1}));
        expect_weights(plain, {0.5, 0.25});
        const double probs[] = {0.125, 0.25, 0.5, 0.125};
        for (size_t e = 0; e < 4; ++e) {
            QVERIFY(std::abs(plain.probs[e] - probs[e]) < 1e-6); // overwritten with them
        }
        // Renormalised: 0.5 / 0.75 and 0.25 / 0.75; then scaled by 2.5.
        expect_weights(route(routing(4, 2, ExpertGating::Softmax, true), logits),
                       {2.0 / 3, 1.0 / 3});
        expect_weights(route(routing(4, 2, ExpertGating::Softmax, true, 2.5f), logits),
                       {2.5 * 2 / 3, 2.5 / 3});
        // Scaled without renormalising.
        expect_weights(route(routing(4, 2, ExpertGating::Softmax, false, 2.0f), logits),
                       {1.0, 0.5});
    }

    // Equal scores: the lower expert index is chosen first.
    void tiesGoToTheLowerIndex() {
        const Routed three = route(routing(5, 3), {1.0f, 3.0f, 3.0f, 0.0f, 3.0f});
        QCOMPARE(experts(three), (std::vector<uint32_t>{1, 2, 4}));
        const double p = std::exp(3.0) / (std::exp(1.0) + 3 * std::exp(3.0) + 1.0);
        expect_weights(three, {p, p, p});
        expect_weights(route(routing(5, 2, ExpertGating::Softmax, true), {1, 3, 3, 0, 3}),
                       {0.5, 0.5});
        QCOMPARE(experts(route(routing(4, 2), {5.0f, 1.0f, 1.0f, 1.0f})),
                 (std::vector<uint32_t>{0, 1}));
        QCOMPARE(experts(route(routing(4, 4), {0.0f, 0.0f, 0.0f, 0.0f})),
                 (std::vector<uint32_t>{0, 1, 2, 3}));
    }

    // Sigmoid gating of {0, 0, ln 3, -ln 3} = {1/2, 1/2, 3/4, 1/4}. Unbiased, the top two are
    // expert 2 and expert 0 (a tie with 1). The bias {0, 0.3, 0, 0.6} makes the scores
    // {0.5, 0.8, 0.75, 0.85}: experts 3 and 1 are chosen, weighted by their unbiased
    // probabilities 1/4 and 1/2 (renormalised: 1/3 and 2/3).
    void biasChoosesButDoesNotWeigh() {
        const std::vector<float> logits = {0.0f, 0.0f, std::log(3.0f), -std::log(3.0f)};
        const Routed plain = route(routing(4, 2, ExpertGating::Sigmoid), logits);
        QCOMPARE(experts(plain), (std::vector<uint32_t>{2, 0}));
        expect_weights(plain, {0.75, 0.5});
        const std::vector<float> bias = {0.0f, 0.3f, 0.0f, 0.6f};
        const Routed biased = route(routing(4, 2, ExpertGating::Sigmoid), logits, bias);
        QCOMPARE(experts(biased), (std::vector<uint32_t>{3, 1}));
        expect_weights(biased, {0.25, 0.5});
        expect_weights(route(routing(4, 2, ExpertGating::Sigmoid, true), logits, bias),
                       {1.0 / 3, 2.0 / 3});
        QVERIFY(std::abs(biased.probs[3] - 0.25f) < 1e-6f); // the bias is not added to them
    }

    // gpt-oss: the top k of the raw logits {1, 3, 2, 0} are 1 and 2, weighted by the softmax
    // of their logits: e / (e + 1) and 1 / (e + 1).
    void softmaxOverTheChosen() {
        const Routed r =
            route(routing(4, 2, ExpertGating::SoftmaxWeight), {1.0f, 3.0f, 2.0f, 0.0f});
        QCOMPARE(experts(r), (std::vector<uint32_t>{1, 2}));
        const double e = std::exp(1.0);
        expect_weights(r, {e / (e + 1), 1 / (e + 1)});
    }

    // Renormalising divides by at least 2^-14 (llama.cpp's clamp): tiny sigmoid weights stay
    // tiny instead of being blown up to 1/k.
    void renormalisationIsClamped() {
        const Routed r =
            route(routing(3, 2, ExpertGating::Sigmoid, true), {-20.0f, -30.0f, -20.0f});
        QCOMPARE(experts(r), (std::vector<uint32_t>{0, 2}));
        const double w = 1.0 / (1.0 + std::exp(20.0)) / 6.103515625e-5;
        expect_weights(r, {w, w});
    }

    // A NaN logit is never preferred to a number.
    void nanIsNeverChosenFirst() {
        const Routed r = route(routing(3, 2, ExpertGating::Sigmoid), {NAN, -1.0f, 2.0f});
        QCOMPARE(experts(r), (std::vector<uint32_t>{2, 1}));
    }
};

QTEST_GUILESS_MAIN(TestMoeRouting)
#include "tst_moe_routing.moc"
