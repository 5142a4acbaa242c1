// Unit tests of per-group advantages for every algorithm and of the ngram-hash embedding.
#include <QtTest>

#include <cmath>

#include "rl/advantage.h"
#include "rl/ngram_embedding.h"
#include "rl/run_config.h"

using namespace gcpo::rl;

class TestAdvantage : public QObject {
    Q_OBJECT
    // e1 = e2 = (1,0), e3 = (0,1), e4 = (0.6,0.8); r = (1,1,1,0)
    const std::vector<double> m_r{1, 1, 1, 0};
    const std::vector<double> m_e{1, 0, 1, 0, 0, 1, 0.6, 0.8};

private slots:
    void gcpoUsesCreditGrpoUsesReward() {
        AdvantageConfig cfg;
        cfg.algorithm = Algorithm::Gcpo;
        const GroupAdvantage g = groupAdvantage(m_r, m_e, 2, cfg);
        QVERIFY(std::abs(g.teamCoverage - std::log(6.0)) < 1e-12);
        QVERIFY(g.advantage[2] > g.advantage[0]);  // the unlike correct answer earns more than duplicates
        QCOMPARE(g.advantage[0], g.advantage[1]);
        QVERIFY(std::abs(g.credit[2] - std::log(2.0)) < 1e-12);
        cfg.algorithm = Algorithm::Grpo;
        const GroupAdvantage r = groupAdvantage(m_r, m_e, 2, cfg);
        QCOMPARE(r.advantage, r.grpoAdvantage);
        QCOMPARE(r.advantage[0], r.advantage[2]);                    // GRPO cannot tell duplicates apart
        QVERIFY(std::abs(r.teamCoverage - g.teamCoverage) < 1e-12);  // coverage monitored for GRPO too
        QVERIFY(std::abs(r.rewardStd - 0.5) < 1e-12);                // sample std of (1,1,1,0)
        QVERIFY(!r.zeroStd);
    }

    void drGrpoDoesNotScale() {
        AdvantageConfig cfg = advantageConfig(resolveRunConfig(nlohmann::json{{"algorithm", "dr_grpo"}}));
        QCOMPARE(cfg.algorithm, Algorithm::DrGrpo);
        const GroupAdvantage g = groupAdvantage(m_r, m_e, 2, cfg);
        QCOMPARE(g.advantage, (std::vector<double>{0.25, 0.25, 0.25, -0.75}));
    }

    void diversityBonusRewardsTheUnlikeAnswer() {
        AdvantageConfig cfg;
        cfg.algorithm = Algorithm::GrpoDiversityBonus;
        cfg.diversityCoef = 0.5;
        const GroupAdvantage g = groupAdvantage(m_r, m_e, 2, cfg);
        QVERIFY(g.shapedReward[2] > g.shapedReward[0]);
        QVERIFY(g.shapedReward[3] > 0.0);  // DQO-style bonus does not depend on correctness
        QVERIFY(g.advantage[2] > g.advantage[0]);
    }

    void zeroVarianceGroups() {
        AdvantageConfig cfg;
        for (Algorithm a : {Algorithm::Gcpo, Algorithm::Grpo, Algorithm::Dapo}) {
            cfg.algorithm = a;
            const GroupAdvantage z = groupAdvantage({0, 0, 0, 0}, m_e, 2, cfg);
            QVERIFY(z.zeroStd);
            for (double x : z.advantage) QCOMPARE(x, 0.0);
        }
        cfg.computeCoverage = false;
        cfg.algorithm = Algorithm::Gcpo;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupAdvantage(m_r, {}, 0, cfg));
    }

    void ngramEmbedding() {
        const auto a = ngramHashEmbedding("<answer>3+4</answer>", 256);
        const auto b = ngramHashEmbedding("<answer>3+4</answer>", 256);
        const auto c = ngramHashEmbedding("<answer>9*1</answer>", 256);
        QCOMPARE(a, b);
        double na = 0, dot = 0;
        for (int i = 0; i < 256; ++i) {
            na += a[i] * a[i];
            dot += a[i] * c[i];
        }
        QVERIFY(std::abs(na - 1.0) < 1e-12);
        QVERIFY(dot < 0.99 && dot > 0.0);  // share the tags, differ in the answer
        for (double x : ngramHashEmbedding("", 16)) QCOMPARE(x, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestAdvantage)
#include "test_advantage.moc"
