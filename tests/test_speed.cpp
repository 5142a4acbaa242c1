// Unit tests of the speed work: policy-hidden embeddings taken from the sampling pass (against a
// separate full forward), the automatic thread count (hand-computed cases), the shared SFT warm-up
// cache (key, lock, atomic publication) and the shipped SFT warm-up (the committed recipe and its
// recorded held-out accuracy), and the OpenBLAS kernels gcpo-train picks for the CPU.
#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include <QtTest>

#include <QProcess>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "model/checkpoint.h"
#include "model/model_bench.h"
#include "model/sft.h"
#include "model/sft_cache.h"
#include "model/sft_config.h"
#include "model/sft_runner.h"
#include "model/transformer.h"
#include "rl/train_context.h"
#include "util/cpu_budget.h"
#include "util/torch_runtime.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static int n = 0;
        path = fs::temp_directory_path() / ("gcpo_test_speed_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

json demoTasks() {
    return {{"families", {{{"name", "countdown"}, {"weight", 1}}, {{"name", "sum-decomposition"}, {"weight", 1}}}},
            {"format_reward", 0.1}};
}

json tinySft(double lr = 3e-3) {
    return {{"tasks", demoTasks()},
            {"model", {{"layers", 1}, {"d_model", 32}, {"heads", 2}, {"context", 96}}},
            {"train", {{"steps", 4}, {"batch_size", 8}, {"lr", lr}, {"warmup_steps", 1}, {"log_every", 2}}},
            {"eval", {{"every", 0}, {"prompts", 4}, {"max_new_tokens", 16}}},
            {"device", "cpu"},
            {"threads", 1}};
}

// A fake warm-up: what runSft leaves behind, as far as the cache looks (the manifest marks it complete).
int fakeTrain(const std::string& dir) {
    fs::create_directories(fs::path(dir) / "checkpoint");
    std::ofstream(fs::path(dir) / "checkpoint" / "manifest.json") << "{}\n";
    return 0;
}

gcpo::CpuAvailability cpus(int affinity, double busy, double quota = 0.0) {
    gcpo::CpuAvailability c;
    c.online = affinity;
    c.affinity = affinity;
    c.busy = busy;
    c.quota = quota;
    return c;
}

std::string resources() {
    const char* r = std::getenv("GCPO_RESOURCES");
    return r ? r : "";
}

}  // namespace

class TestSpeed : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { gcpo::setTorchThreads(1); }

    // ---- policy-hidden embeddings come from the sampling pass ----
    // OpenBLAS 0.3.21 does not know newer CPU models and fell back to its SSE3 kernels ("Prescott")
    // on the AVX-512 development VM, 5x slower; gcpo-train then sets OPENBLAS_CORETYPE and
    // re-executes itself (app/common/blas_kernel.h). Checked on gcpo-train with the variable unset.
    void blasKernelsAreThoseTheCpuSupports() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("OPENBLAS_CORETYPE");
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("GCPO_TRAIN"), {"version", "--json"});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const std::string kernels = json::parse(p.readAllStandardOutput().toStdString()).at("blas_kernels");
        if (kernels == "no OpenBLAS loaded") QSKIP("LibTorch does not use OpenBLAS here");
        const auto at = kernels.find(", kernels ");
        QVERIFY2(at != std::string::npos, kernels.c_str());
        const std::string core = kernels.substr(at + 10, kernels.find(' ', at + 10) - (at + 10));
        auto oneOf = [&](std::initializer_list<const char*> names) {
            for (const char* n : names)
                if (core == n) return true;
            return false;
        };
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
            QVERIFY2(oneOf({"SkylakeX", "Cooperlake", "SapphireRapids"}), kernels.c_str());
        else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
            QVERIFY2(oneOf({"Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"}), kernels.c_str());
        else QSKIP("a CPU without AVX2: OpenBLAS's own choice stands");
    }

    void pooledSamplingHiddenEqualsFullForward_data() {
        QTest::addColumn<QString>("positions");
        QTest::newRow("learned") << "learned";
        QTest::newRow("rotary") << "rotary";
    }
    void pooledSamplingHiddenEqualsFullForward() {
        QFETCH(QString, positions);
        torch::manual_seed(5);
        gcpo::rl::TrainContext ctx;
        gcpo::model::ModelConfig mc;
        mc.vocabSize = ctx.tokenizer.vocabSize();
        mc.layers = 2;
        mc.dModel = 32;
        mc.heads = 4;
        mc.context = 96;
        mc.positions = positions.toStdString();
        ctx.policy = std::make_shared<gcpo::model::TransformerPolicy>(gcpo::model::Transformer(mc));
        ctx.codec = gcpo::model::makeBuiltinCodec(ctx.tokenizer);
        ctx.suite = std::make_unique<gcpo::tasks::TaskSuite>(demoTasks());
        ctx.embedding = gcpo::rl::EmbeddingBackend::PolicyHidden;
        std::vector<gcpo::tasks::Task> tasks;
        for (int b = 0; b < 3; ++b) tasks.push_back(ctx.suite->sample(gcpo::tasks::Split::Train, 7, b));
        gcpo::model::SamplingConfig sc;
        sc.maxNewTokens = 24;
        sc.seed = 9;
        const gcpo::rl::Rollouts ro =
            gcpo::rl::generateRollouts(ctx, tasks, 4, sc, /*needRefLogprobs=*/false, /*needEmbeddings=*/true);
        QVERIFY(!ctx.reference);  // no reference policy is needed for the embeddings any more
        QCOMPARE(ro.dim, 32);
        QCOMPARE(ro.embeddings.size(), size_t(12 * 32));
        // Independent reference: one full forward of the policy over the whole sampled sequences.
        torch::NoGradGuard ng;
        ctx.policy->module().eval();
        const auto& b = ro.batch;
        const int64_t P = b.promptWidth, N = b.tokens.size(1);
        const auto hidden = ctx.policy->forward(b.sequences, b.sequenceValid).hidden.narrow(1, P, N);  // (R, N, C)
        const auto m = b.mask.unsqueeze(2);                                                            // (R, N, 1)
        const auto pooled = ((hidden * m).sum(1) / m.sum(1).clamp_min(1.0)).to(torch::kDouble);        // (R, C)
        double worst = 0.0, scale = 0.0;
        for (int64_t r = 0; r < 12; ++r)
            for (int64_t c = 0; c < 32; ++c) {
                const double want = pooled[r][c].item<double>();
                worst = std::max(worst, std::abs(ro.embeddings[static_cast<size_t>(r * 32 + c)] - want));
                scale = std::max(scale, std::abs(want));
            }
        QVERIFY2(worst < 1e-4 * std::max(1.0, scale), qPrintable(QString("max |diff| %1").arg(worst)));
        QVERIFY(scale > 0.1);  // the embeddings are not trivially zero
    }

    // ---- the fused one-token decoding attention (CPU) against a full forward ----
    void oneTokenDecodingMatchesFullForward_data() {
        QTest::addColumn<QString>("positions");
        QTest::newRow("learned") << "learned";
        QTest::newRow("rotary") << "rotary";
    }
    void oneTokenDecodingMatchesFullForward() {
        QFETCH(QString, positions);
        torch::manual_seed(6);
        gcpo::model::ModelConfig mc;
        mc.layers = 2;
        mc.dModel = 48;  // head size 12: not a multiple of the kernel's 8 lanes
        mc.heads = 4;
        mc.context = 40;
        mc.positions = positions.toStdString();
        gcpo::model::Transformer m(mc);
        m->eval();
        torch::NoGradGuard g;
        torch::manual_seed(8);
        const auto tokens = torch::randint(3, 99, {3, 17}, torch::kLong);  // (B, T)
        auto valid = torch::ones({3, 17}, torch::kBool);                   // (B, T)
        valid[1].narrow(0, 0, 4).fill_(false);                             // a left-padded row
        valid[2].narrow(0, 9, 8).fill_(false);                             // a row that stopped (masked tokens, as after EOS)
        const auto full = m->forward(tokens, valid);
        gcpo::model::KVCache cache = m->makeCache(3, 24);
        std::vector<torch::Tensor> logits{m->forwardCached(tokens.narrow(1, 0, 5), valid.narrow(1, 0, 5), cache).logits};
        for (int64_t t = 5; t < 17; ++t)  // one token at a time: the fused kernel
            logits.push_back(m->forwardCached(tokens.narrow(1, t, 1), valid.narrow(1, t, 1), cache).logits);
        const auto cached = torch::cat(logits, 1);  // (B, T, V)
        const auto want = full.logits.masked_select(valid.unsqueeze(2));
        const auto got = cached.masked_select(valid.unsqueeze(2));
        const double diff = (want - got).abs().max().item<double>();
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
        QVERIFY(torch::isfinite(cached).all().item<bool>());  // masked rows stay finite too
    }

    // The model's own CPU kernels (attention products, one-token decoding) use at::parallel_for,
    // which is parallel only in code compiled with LibTorch's OpenMP: they ran on one thread
    // whatever the thread count until core was built with OpenMP.
    void cpuKernelsUseTheIntraOpThreads() {
        gcpo::setTorchThreads(2);
        const int two = gcpo::coreKernelThreads();
        gcpo::setTorchThreads(1);
        QCOMPARE(two, 2);
        QCOMPARE(gcpo::coreKernelThreads(), 1);
    }

    // The same for the shipped binary: gcpo-train version reports the threads its own kernels use.
    void gcpoTrainCoreKernelsUseItsThreads() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "2");
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("GCPO_TRAIN"), {"version", "--json"});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const json v = json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(v.at("threads").get<int>(), 2);
        QCOMPARE(v.at("core_kernel_threads").get<int>(), 2);
    }

    // ---- automatic thread count ----
    void trainingProfileSelfTimes() {
        // gcpo-bench model --profile: self times from the nested trace are non-negative, add up to
        // no more than the step's wall time (one thread), and the matmuls (the linear layers and the
        // attention products, both recorded by the model's own scopes) are among them.
        gcpo::model::ModelBenchSetup s;
        s.layers = 1;
        s.dModel = 32;
        s.heads = 2;
        s.context = 16;
        const gcpo::model::TrainProfile p = gcpo::model::profileTraining(s, 2, 16, 2);
        QVERIFY(p.secondsPerStep > 0.0);
        QVERIFY(p.flopsPerStep > 0.0);
        QVERIFY(!p.ops.empty());
        double total = 0.0, mm = 0.0, linear = 0.0, heads = 0.0;
        for (const auto& [name, seconds] : p.ops) {
            QVERIFY2(seconds >= -1e-9, qPrintable(QString::fromStdString(name)));
            total += seconds;
            if (name == "aten::mm" || name == "aten::bmm" || name == "aten::addmm") mm += seconds;
            if (name == "gcpo::linear") linear += seconds;      // the linear layers' BLAS calls
            if (name == "gcpo::head_matmul") heads += seconds;  // the attention products' BLAS calls
        }
        QVERIFY(p.ops.front().second >= p.ops.back().second);  // largest first
        QVERIFY(linear > 0.0);
        QVERIFY(heads > 0.0);
        mm += linear + heads;
        QVERIFY(std::abs(mm - p.matmulSeconds) < 1e-9);
        QVERIFY2(total <= p.secondsPerStep * 1.05, qPrintable(QString("self %1 s, step %2 s").arg(total).arg(p.secondsPerStep)));
    }

    void threadCountFollowsTheFreeCpus_data() {
        QTest::addColumn<int>("affinity");
        QTest::addColumn<double>("busy");
        QTest::addColumn<double>("quota");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("expected");
        QTest::newRow("idle 2 cores") << 2 << 0.02 << 0.0 << 1 << 2;
        QTest::newRow("one hog on 2 cores") << 2 << 1.0 << 0.0 << 1 << 1;
        QTest::newRow("two hogs on 2 cores") << 2 << 2.0 << 0.0 << 1 << 1;
        QTest::newRow("light load 0.2") << 2 << 0.2 << 0.0 << 1 << 2;
        QTest::newRow("load 0.4: 1.6 free is not 2") << 2 << 0.4 << 0.0 << 1 << 1;
        QTest::newRow("two runs on 2 idle cores") << 2 << 0.0 << 0.0 << 2 << 1;
        QTest::newRow("quota 1.5 CPUs") << 8 << 0.0 << 1.5 << 1 << 1;
        QTest::newRow("quota 4 of 8") << 8 << 0.0 << 4.0 << 1 << 4;
        QTest::newRow("8 cores, 3 busy, 2 runs") << 8 << 3.0 << 0.0 << 2 << 4;
        QTest::newRow("8 cores, 6 busy, 1 run") << 8 << 6.0 << 0.0 << 1 << 2;
        QTest::newRow("1 core") << 1 << 0.0 << 0.0 << 1 << 1;
    }
    void threadCountFollowsTheFreeCpus() {
        QFETCH(int, affinity);
        QFETCH(double, busy);
        QFETCH(double, quota);
        QFETCH(int, runs);
        QFETCH(int, expected);
        QCOMPARE(gcpo::chooseThreadCount(cpus(affinity, busy, quota), runs), expected);
    }

    void probeReadsThisMachine() {
        const gcpo::CpuAvailability c = gcpo::probeCpuAvailability(0.05);
        QVERIFY(c.online >= 1);
        QVERIFY(c.affinity >= 1 && c.affinity <= std::max(c.online, 1024));
        QVERIFY(c.busy >= 0.0 && c.busy <= c.affinity);
        QVERIFY(c.probeSeconds >= 0.05);
        const int n = gcpo::chooseThreadCount(c, 1);
        QVERIFY(n >= 1 && n <= c.affinity);
        QVERIFY(QString::fromStdString(gcpo::describe(c, 1)).contains(QString("-> %1 thread").arg(n)));
    }

    // ---- shared SFT warm-up cache ----
    void cacheKeyIgnoresThreadsOnly() {
        json a = tinySft(), b = tinySft();
        b["threads"] = 2;
        QCOMPARE(gcpo::model::sftCacheKey(a), gcpo::model::sftCacheKey(b));
        QVERIFY(gcpo::model::sftCacheKey(a) != gcpo::model::sftCacheKey(tinySft(1e-3)));
        json c = tinySft();
        c["train"]["batch_size"] = 16;
        QVERIFY(gcpo::model::sftCacheKey(a) != gcpo::model::sftCacheKey(c));
        QCOMPARE(gcpo::model::sftCacheKey(a).size(), size_t(16));
        QVERIFY(QString::fromStdString(gcpo::model::sftCodeVersion()).contains("sft-recipe"));
    }

    void cacheTrainsOnceAndPublishesAtomically() {
        TempDir tmp;
        int trained = 0;
        gcpo::model::SftCacheRequest r;
        r.config = tinySft();
        r.root = (tmp.path / "cache").string();
        bool trainedAside = true;
        r.train = [&](const std::string& dir) {
            ++trained;
            // never trained where readers look: in <key>.partial, while <key> does not exist yet
            trainedAside = trainedAside && dir.find(".partial") != std::string::npos &&
                           !fs::exists(fs::path(r.root) / gcpo::model::sftCacheKey(r.config));
            return fakeTrain(dir);
        };
        const std::string first = gcpo::model::obtainSftWarmup(r);
        const std::string expected = (fs::path(r.root) / gcpo::model::sftCacheKey(r.config) / "checkpoint").string();
        QCOMPARE(first, expected);
        QCOMPARE(gcpo::model::obtainSftWarmup(r), expected);  // a second database: no retraining
        QCOMPARE(trained, 1);
        QVERIFY(trainedAside);
        QVERIFY(!fs::exists(fs::path(r.root) / (gcpo::model::sftCacheKey(r.config) + ".partial")));
    }

    void interruptedWarmupLeavesNothing() {
        TempDir tmp;
        gcpo::model::SftCacheRequest r;
        r.config = tinySft();
        r.root = tmp.path.string();
        r.train = [](const std::string& dir) {
            fakeTrain(dir);
            return 130;  // stopped
        };
        QCOMPARE(gcpo::model::obtainSftWarmup(r), std::string());
        const std::string key = gcpo::model::sftCacheKey(r.config);
        QVERIFY(!fs::exists(tmp.path / key));
        QVERIFY(!fs::exists(tmp.path / (key + ".partial")));
    }

    void twoProcessesWarmingUpTrainOnce() {
        // Two obtainers at once (each opens its own lock file description, as two processes would).
        TempDir tmp;
        std::atomic<int> trained{0}, concurrent{0}, maxConcurrent{0};
        auto request = [&] {
            gcpo::model::SftCacheRequest r;
            r.config = tinySft();
            r.root = tmp.path.string();
            r.train = [&](const std::string& dir) {
                const int now = ++concurrent;
                maxConcurrent = std::max(maxConcurrent.load(), now);
                ++trained;
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
                --concurrent;
                return fakeTrain(dir);
            };
            return r;
        };
        std::string a, b;
        std::thread t1([&] { a = gcpo::model::obtainSftWarmup(request()); });
        std::thread t2([&] { b = gcpo::model::obtainSftWarmup(request()); });
        t1.join();
        t2.join();
        QCOMPARE(trained.load(), 1);
        QCOMPARE(maxConcurrent.load(), 1);
        QVERIFY(!a.empty());
        QCOMPARE(a, b);
    }

    void waitingForTheLockCanBeStopped() {
        TempDir tmp;
        std::atomic<bool> stop{false};
        std::atomic<bool> inTraining{false}, release{false};
        gcpo::model::SftCacheRequest holder;
        holder.config = tinySft();
        holder.root = tmp.path.string();
        holder.train = [&](const std::string& dir) {
            inTraining = true;
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return fakeTrain(dir);
        };
        std::thread t([&] { gcpo::model::obtainSftWarmup(holder); });
        while (!inTraining) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        gcpo::model::SftCacheRequest waiter = holder;
        waiter.stop = &stop;
        std::string notice;
        waiter.notice = [&](const std::string& s) {
            notice = s;
            stop = true;  // the user stops while waiting
        };
        QCOMPARE(gcpo::model::obtainSftWarmup(waiter), std::string());
        QVERIFY(QString::fromStdString(notice).contains("waiting for another process"));
        release = true;
        t.join();
    }

    void shippedWarmupIsUsedWhenItsRecipeMatches() {
        TempDir tmp;
        const json cfg = tinySft();
        {
            gcpo::model::SftTrainer trainer(gcpo::model::sftConfigFromJson(cfg), torch::kCPU);
            trainer.save((tmp.path / "shipped" / "tiny" / "checkpoint").string(),
                         {{"sft_config", gcpo::model::toJson(gcpo::model::sftConfigFromJson(cfg))}});
        }
        gcpo::model::SftCacheRequest r;
        r.config = cfg;
        r.config["threads"] = 0;  // a different thread count is the same recipe
        r.root = (tmp.path / "cache").string();
        r.shippedRoot = (tmp.path / "shipped").string();
        int trained = 0;
        r.train = [&](const std::string& dir) {
            ++trained;
            return fakeTrain(dir);
        };
        QCOMPARE(gcpo::model::obtainSftWarmup(r), (tmp.path / "shipped" / "tiny" / "checkpoint").string());
        QCOMPARE(trained, 0);
        r.config = tinySft(1e-3);  // another recipe: trained into the cache
        QVERIFY(gcpo::model::obtainSftWarmup(r).find((tmp.path / "cache").string()) == 0);
        QCOMPARE(trained, 1);
    }

    // ---- the shipped demo warm-up (resources/sft/demo) ----
    void shippedDemoWarmupReproducesItsRecipe() {
        const fs::path res(resources());
        std::ifstream in(res / "configs" / "sft_demo.json");
        QVERIFY2(in, "GCPO_RESOURCES/configs/sft_demo.json not found");
        const json committed = json::parse(in);
        const std::string ckpt = gcpo::model::findShippedSftWarmup((res / "sft").string(), committed);
        QVERIFY2(!ckpt.empty(), "no shipped warm-up under resources/sft was trained with resources/configs/sft_demo.json");
        const gcpo::model::CheckpointInfo info = gcpo::model::readCheckpointInfo(ckpt);
        QVERIFY(!info.hasOptimizer);  // shipped without the optimizer state (size)
        const json& recorded = info.extra.at("eval");
        gcpo::model::SftConfig cfg = gcpo::model::sftConfigFromJson(committed);
        cfg.threads = 1;
        cfg.device = "cpu";
        // 1. The shipped weights give the held-out accuracy recorded when they were trained.
        gcpo::model::SftTrainer trainer(cfg, torch::kCPU);
        trainer.resume(ckpt);
        QCOMPARE(trainer.stepsDone(), cfg.steps);
        const gcpo::model::SftEvalResult e = trainer.evaluate();
        QCOMPARE(e.prompts, recorded.at("prompts").get<int64_t>());
        // greedy decoding of the same weights; a different thread count may round a near-tie the other way
        QVERIFY2(std::abs(e.accuracy - recorded.at("accuracy").get<double>()) <= 1.0 / e.prompts + 1e-9,
                 qPrintable(QString("accuracy %1, recorded %2").arg(e.accuracy).arg(recorded.at("accuracy").get<double>())));
        QVERIFY(e.accuracy > 0.25 && e.formatRate > 0.95);
        // 2. The committed recipe still trains the same way: its first logged window (25 steps) gives the
        //    recorded loss (the recipe is stopped there; the full 600 steps take minutes).
        TempDir tmp;
        std::atomic<bool> stop{false};
        double firstLoss = -1;
        json oneThread = committed;
        oneThread["threads"] = 1;
        const int rc = gcpo::model::runSft(
            oneThread, tmp.path.string(),
            [&](const gcpo::model::SftProgress& p) {
                if (p.kind == gcpo::model::SftProgress::Kind::Train && firstLoss < 0) {
                    firstLoss = p.loss;
                    stop = true;
                }
            },
            &stop);
        QCOMPARE(rc, 130);
        const json& log = info.extra.at("train_log");
        QCOMPARE(log.at(0).at(0).get<int64_t>(), committed.at("train").at("log_every").get<int64_t>());
        const double want = log.at(0).at(1).get<double>();
        QVERIFY2(std::abs(firstLoss - want) < 1e-3 * std::max(1.0, want),
                 qPrintable(QString("loss after 25 steps %1, recorded %2").arg(firstLoss).arg(want)));
    }
};

QTEST_GUILESS_MAIN(TestSpeed)
#include "test_speed.moc"
