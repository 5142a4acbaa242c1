// Smoke tests of the Hugging Face commands of gcpo-train: `score` (text through the real Qwen3
// tokenizer when cached, and ids) against the library's own loading + scoring, `export-model` from a
// folder (reload bit-identical) and its refusal of a built-in-model run, bad input (exit 2), and short
// GCPO and GRPO runs on a tiny Qwen3-layout model end to end through the run store, then exported.
#include "hf_test_util.h"

#include <QtTest>

#include <QProcess>

#include "hf_fixtures.h"
#include "model/hf/bpe_tokenizer.h"
#include "model/hf/hf_model.h"
#include "model/policy.h"
#include "store/run_store.h"

using namespace gcpo::model;
using namespace gcpo::model::hf;
using hftest::TempDir;
using hftest::TinySpec;
namespace fs = std::filesystem;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

Result runTrain(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(qEnvironmentVariable("GCPO_TRAIN"), args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput().toStdString(),
            p.readAllStandardError().toStdString()};
}

}  // namespace

class TestHfCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        torch::set_num_threads(1);
        QVERIFY(QFileInfo(qEnvironmentVariable("GCPO_TRAIN")).isExecutable());
    }

    void scoreIdsAndText() {
        TempDir tmp;
        TinySpec s;
        s.architecture = "Qwen3ForCausalLM";
        s.tied = true;
        const std::string tokDir = gcpo::testing::qwen3TokenizerDir();
        if (!tokDir.empty()) s.vocab = 151669;  // Qwen3's real vocabulary (tied: one 151669 x 32 matrix)
        hftest::writeFolder(tmp.str("m"), s, hftest::randomWeights(s, 4));
        if (!tokDir.empty())
            for (const char* f : {"tokenizer.json", "tokenizer_config.json"})
                fs::copy_file(fs::path(tokDir) / f, tmp.path / "m" / f);

        LlamaFamily model = loadHfModel(tmp.str("m"), torch::kCPU);
        auto expect = [&](const std::vector<int64_t>& ids) {
            torch::NoGradGuard g;
            const auto lp = scoreTokens(*model, torch::tensor(ids, torch::kLong).unsqueeze(0)).logprobs[0];
            return std::vector<double>(lp.data_ptr<float>(), lp.data_ptr<float>() + lp.numel());
        };
        const Result r = runTrain({"score", "--model", QString::fromStdString(tmp.str("m"))},
                                  "{\"ids\": [3, 9, 27, 1, 60]}\n\n{\"ids\": [5]}\n");
        QVERIFY2(r.code == 0, r.err.c_str());
        std::istringstream lines(r.out);
        std::string line;
        std::vector<nlohmann::json> rows;
        while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0]["ids"].get<std::vector<int64_t>>(), std::vector<int64_t>({3, 9, 27, 1, 60}));
        const auto want = expect({3, 9, 27, 1, 60});
        const auto got = rows[0]["logprobs"].get<std::vector<double>>();
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) QVERIFY(std::abs(got[i] - want[i]) < 1e-6);
        QCOMPARE(rows[1]["logprobs"].get<std::vector<double>>(), std::vector<double>({0.0}));

        Result bad = runTrain({"score", "--model", QString::fromStdString(tmp.str("m"))}, "{\"ids\": [3, 999999]}\n");
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.find("-:1: id 999999 at position 1 is outside the vocabulary") != std::string::npos, bad.err.c_str());
        bad = runTrain({"score", "--model", QString::fromStdString(tmp.str("m"))}, "{\"ids\": [1]}\nnot json\n");
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.find("-:2: not valid JSON") != std::string::npos, bad.err.c_str());

        if (tokDir.empty()) QSKIP(gcpo::testing::qwen3TokenizerMissingReason().c_str());
        const std::string text = "Solve 12 + 7 = ? Answer: <answer>19</answer> 你好";
        const Result t = runTrain({"score", "--model", QString::fromStdString(tmp.str("m"))},
                                  QByteArray::fromStdString(nlohmann::json{{"text", text}}.dump() + "\n"));
        QVERIFY2(t.code == 0, t.err.c_str());
        const auto row = nlohmann::json::parse(t.out);
        std::vector<int64_t> ids;
        for (int32_t id : BpeTokenizer::fromFolder(tmp.str("m")).encode(text)) ids.push_back(id);
        QCOMPARE(row["ids"].get<std::vector<int64_t>>(), ids);
        const auto wantText = expect(ids);
        const auto gotText = row["logprobs"].get<std::vector<double>>();
        for (size_t i = 0; i < ids.size(); ++i) QVERIFY(std::abs(gotText[i] - wantText[i]) < 1e-6);
    }

    void exportModel() {
        TempDir tmp;
        TinySpec s;
        s.architecture = "LlamaForCausalLM";
        hftest::writeFolder(tmp.str("src"), s, hftest::randomWeights(s, 8), "F32", 2);
        std::ofstream(tmp.path / "src" / "tokenizer.json") << "{}";
        Result r = runTrain({"export-model", "--model", QString::fromStdString(tmp.str("src")), "--out",
                             QString::fromStdString(tmp.str("out")), "--dtype", "fp32"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(fs::exists(tmp.path / "out" / "model.safetensors"));
        QVERIFY(fs::exists(tmp.path / "out" / "tokenizer.json"));
        LlamaFamily a = loadHfModel(tmp.str("src"), torch::kCPU), b = loadHfModel(tmp.str("out"), torch::kCPU);
        auto pb = b->named_parameters();
        for (const auto& p : a->named_parameters()) QVERIFY2(torch::equal(p.value(), pb[p.key()]), p.key().c_str());
        r = runTrain(
            {"export-model", "--model", QString::fromStdString(tmp.str("src")), "--out", QString::fromStdString(tmp.str("out"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("exists") != std::string::npos, r.err.c_str());

        // A damaged folder: exit 2 naming the file and tensor; nothing written.
        fs::resize_file(tmp.path / "src" / "model-00002-of-00002.safetensors", 100);
        r = runTrain({"export-model", "--model", QString::fromStdString(tmp.str("src")), "--out",
                      QString::fromStdString(tmp.str("out2"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("model-00002-of-00002.safetensors") != std::string::npos, r.err.c_str());
        QVERIFY(!fs::exists(tmp.path / "out2"));

        // A run of the built-in character model is refused with the reason.
        {
            gcpo::store::RunStore db(tmp.str("runs.sqlite"), gcpo::store::RunStore::Mode::Write);
            gcpo::store::RunInfo info;
            info.name = "char";
            info.algorithm = "grpo";
            info.configJson = R"({"model":{"init":"scratch"}})";
            QCOMPARE(db.createRun(info), int64_t(1));
        }
        r = runTrain({"export-model", "--db", QString::fromStdString(tmp.str("runs.sqlite")), "--run", "1", "--out",
                      QString::fromStdString(tmp.str("out3"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("built-in character-level model") != std::string::npos, r.err.c_str());
    }

    // model.init=hf with a folder that cannot be used: exit 2 naming the setting and the file, before
    // any database is written (the tiny tokenizer fixture needs no npm cache).
    void hfRunRefusalsWriteNothing() {
        TempDir tmp;
        TinySpec s;
        s.architecture = "Qwen2ForCausalLM";
        s.vocab = gcpo::testing::tinyQwenStyleTokenizer(tmp.str("good"));
        s.maxPositions = 512;
        hftest::writeFolder(tmp.str("good"), s, hftest::randomWeights(s, 2));
        const std::string cfg = tmp.str("run.json");
        std::ofstream(cfg) << nlohmann::json{{"algorithm", "grpo"}, {"steps", 1}, {"device", "cpu"}}.dump();
        const std::string db = tmp.str("runs.sqlite");
        auto refused = [&](const QStringList& sets, const std::string& expect) {
            QStringList args = {"run", "--config", QString::fromStdString(cfg), "--db", QString::fromStdString(db)};
            for (const auto& set : sets) args << "--set" << set;
            const Result r = runTrain(args);
            QVERIFY2(r.code == 2, (expect + " | " + r.err).c_str());
            QVERIFY2(r.err.find(expect) != std::string::npos, (expect + " | " + r.err).c_str());
            QVERIFY2(!fs::exists(db), expect.c_str());
        };
        const QString path = QString::fromStdString("model.path=" + tmp.str("good"));
        refused({"model.init=hf"}, "model.path: model.init is hf but no model folder is given");
        refused({"model.init=hf", QString::fromStdString("model.path=" + tmp.str("none"))},
                "model.path: " + tmp.str("none") + " is not a folder");
        refused({"model.init=scratch", "model.dtype=bf16"}, "model.dtype: bf16 needs model.init = hf");
        refused({"model.init=hf", path, "model.embedding_layer=3"}, "model.embedding_layer: 3 exceeds the model's 2 layers");
        refused({"model.init=hf", path, "model.chat_format=llama3"}, "model.chat_format: ");

        fs::copy(tmp.path / "good", tmp.path / "notok");
        fs::remove(tmp.path / "notok" / "tokenizer.json");
        refused({"model.init=hf", QString::fromStdString("model.path=" + tmp.str("notok"))}, "tokenizer.json");

        fs::copy(tmp.path / "good", tmp.path / "gpt2");
        auto j = hftest::configJson(s);
        j["architectures"] = {"GPT2LMHeadModel"};
        std::ofstream(tmp.path / "gpt2" / "config.json") << j.dump();
        refused({"model.init=hf", QString::fromStdString("model.path=" + tmp.str("gpt2"))},
                "model.path: " + tmp.str("gpt2") + "/config.json: architectures: 'GPT2LMHeadModel' is not supported");

        // A tensor of the wrong shape is found while loading, still before the database is written.
        TinySpec wide = s;
        wide.inter = 40;
        fs::copy(tmp.path / "good", tmp.path / "shape");
        hftest::writeFolder(tmp.str("shape"), wide, hftest::randomWeights(wide, 2));
        std::ofstream(tmp.path / "shape" / "config.json") << hftest::configJson(s).dump();
        refused({"model.init=hf", QString::fromStdString("model.path=" + tmp.str("shape"))}, "gate_proj.weight' has shape");

        // The same folder runs: the checks refuse nothing that works.
        const Result ok = runTrain({"run", "--config", QString::fromStdString(cfg), "--db", QString::fromStdString(db), "--set",
                                    "model.init=hf", "--set", path, "--set", "sampling.prompts_per_step=2", "--set",
                                    "sampling.group_size=2", "--set", "sampling.max_new_tokens=4", "--set", "eval.every=0"});
        QVERIFY2(ok.code == 0, ok.err.c_str());
    }

    // A run of an HF policy resumes from its Hugging Face checkpoint (weights, AdamW and RNG state):
    // with the newest checkpoint gone, step 2 is trained again from step 1's and gives the same loss.
    void hfRunResumesFromItsCheckpoint() {
        TempDir tmp;
        TinySpec s;
        s.architecture = "Qwen2ForCausalLM";
        s.vocab = gcpo::testing::tinyQwenStyleTokenizer(tmp.str("m"));
        s.maxPositions = 512;
        hftest::writeFolder(tmp.str("m"), s, hftest::randomWeights(s, 3));
        const std::string cfg = tmp.str("run.json"), db = tmp.str("runs.sqlite");
        std::ofstream(cfg) << nlohmann::json{
            {"algorithm", "grpo"},
            {"steps", 2},
            {"device", "cpu"},
            {"model", {{"init", "hf"}, {"path", tmp.str("m")}, {"dtype", "bf16"}}},
            {"algo", {{"kl_coef", 0.05}}},
            {"sampling", {{"prompts_per_step", 2}, {"group_size", 2}, {"max_new_tokens", 6}}},
            {"optim", {{"lr", 1e-2}}},
            {"eval", {{"every", 0}}},
            {"checkpoint",
             {{"every", 1}}}}.dump();
        Result r = runTrain({"run", "--config", QString::fromStdString(cfg), "--db", QString::fromStdString(db)});
        QVERIFY2(r.code == 0, r.err.c_str());
        double lossBefore = 0;
        {
            gcpo::store::RunStore store(db, gcpo::store::RunStore::Mode::Update);
            const auto loss = store.metricSeries(1, "loss");
            QCOMPARE(loss.steps, std::vector<int64_t>({1, 2}));
            lossBefore = loss.values[1];
            const auto ckpts = store.checkpoints(1);
            QCOMPARE(ckpts.size(), size_t(2));
            fs::remove_all(ckpts[1].path);  // the step-2 checkpoint is lost
            store.setStatus(1, gcpo::store::RunStatus::Interrupted, "test");
        }
        r = runTrain({"resume", "--db", QString::fromStdString(db), "--run", "1"});
        QVERIFY2(r.code == 0, r.err.c_str());
        gcpo::store::RunStore store(db, gcpo::store::RunStore::Mode::Read);
        const auto loss = store.metricSeries(1, "loss");
        QCOMPARE(loss.steps, std::vector<int64_t>({1, 2}));
        QCOMPARE(loss.values[1], lossBefore);  // from the initial weights instead, the loss would differ
        QVERIFY(store.runInfo(1).status == gcpo::store::RunStatus::Finished);
    }

    // model-info on the shipped Qwen2.5 configs: the parameter count and the memory table.
    void modelInfo() {
        const QString dir = qEnvironmentVariable("GCPO_RESOURCES") + "/hf_configs/qwen2.5-0.5b-instruct";
        Result r = runTrain({"model-info", dir, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto j = nlohmann::json::parse(r.out);
        QCOMPARE(j["parameters"].get<int64_t>(), int64_t(494032768));
        QCOMPARE(j["memory_bytes"]["fp32"]["states"].get<double>(), 494032768.0 * 20);
        QVERIFY(j["memory_bytes"]["bf16"]["activations"].get<double>() < j["memory_bytes"]["fp32"]["activations"].get<double>());
        r = runTrain({"model-info", dir + "/config.json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(r.out.find("494032768 parameters") != std::string::npos, r.out.c_str());
        r = runTrain({"model-info", qEnvironmentVariable("GCPO_RESOURCES")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("config.json: missing") != std::string::npos, r.err.c_str());
    }

    // model.init=hf: GCPO (fp32, gradient checkpointing, embeddings of decoder layer 1) and GRPO (bf16
    // arithmetic, bf16 frozen reference for a KL term) on a tiny model with Qwen3's real tokenizer.
    void gcpoAndGrpoRunsOnAnHfModel() {
        const std::string tokDir = gcpo::testing::qwen3TokenizerDir();
        if (tokDir.empty()) QSKIP(gcpo::testing::qwen3TokenizerMissingReason().c_str());
        TempDir tmp;
        TinySpec s;
        s.architecture = "Qwen3ForCausalLM";
        s.tied = true;
        s.hidden = 16;
        s.inter = 24;
        s.vocab = 151669;
        s.maxPositions = 512;
        hftest::writeFolder(tmp.str("m"), s, hftest::randomWeights(s, 6));
        for (const char* f : {"tokenizer.json", "tokenizer_config.json"}) fs::copy_file(fs::path(tokDir) / f, tmp.path / "m" / f);
        const std::string db = tmp.str("runs.sqlite");
        // GCPO names the folder in its config file; GRPO gets it from --set model.init=hf --set model.path=DIR.
        auto config = [&](const std::string& algorithm, const nlohmann::json& model, const nlohmann::json& algo) {
            nlohmann::json m = model;
            if (algorithm == "gcpo") {
                m["init"] = "hf";
                m["path"] = tmp.str("m");
            }
            const nlohmann::json c = {{"name", "hf-" + algorithm},
                                      {"algorithm", algorithm},
                                      {"seed", 3},
                                      {"steps", 2},
                                      {"device", "cpu"},
                                      {"model", m},
                                      {"algo", algo},
                                      {"sampling", {{"prompts_per_step", 2}, {"group_size", 4}, {"max_new_tokens", 6}}},
                                      {"optim", {{"lr", 1e-2}}},
                                      {"eval", {{"every", 0}}},
                                      {"checkpoint", {{"every", 2}}}};
            const std::string path = tmp.str(algorithm + ".json");
            std::ofstream(path) << c.dump();
            return QString::fromStdString(path);
        };
        Result r = runTrain({"run", "--config",
                             config("gcpo", {{"gradient_checkpointing", true}, {"embedding_layer", 1}}, nlohmann::json::object()),
                             "--db", QString::fromStdString(db)});
        QVERIFY2(r.code == 0, r.err.c_str());
        r = runTrain({"run", "--config", config("grpo", {{"dtype", "bf16"}}, {{"kl_coef", 0.05}}), "--db",
                      QString::fromStdString(db), "--set", "model.init=hf", "--set",
                      QString::fromStdString("model.path=" + tmp.str("m"))});
        QVERIFY2(r.code == 0, r.err.c_str());

        {
            gcpo::store::RunStore store(db, gcpo::store::RunStore::Mode::Read);
            for (int64_t run : {1, 2}) {
                QCOMPARE(store.maxStep(run), int64_t(2));
                const auto keys = store.metricKeys(run);
                QVERIFY(std::find(keys.begin(), keys.end(), "reward") != keys.end());
                const auto rollouts = store.rollouts(run, 1);
                QCOMPARE(rollouts.size(), size_t(8));  // B x G
                QCOMPARE(store.checkpoints(run).size(), size_t(1));
                QVERIFY(fs::exists(fs::path(store.checkpoints(run)[0].path) / "model" / "tokenizer.json"));
            }
            const auto gcpoKeys = store.metricKeys(1);
            QVERIFY(std::find(gcpoKeys.begin(), gcpoKeys.end(), "gcpo/team_coverage") != gcpoKeys.end());
            const auto klKeys = store.metricKeys(2);
            QVERIFY(std::find(klKeys.begin(), klKeys.end(), "kl") != klKeys.end());
        }
        // The run's policy exports as a folder transformers can load: the checkpoint's weights, exactly.
        std::string ckptModel;
        {
            gcpo::store::RunStore store(db, gcpo::store::RunStore::Mode::Read);
            ckptModel = (fs::path(store.checkpoints(1)[0].path) / "model").string();
        }
        r = runTrain({"export-model", "--db", QString::fromStdString(db), "--run", "1", "--out",
                      QString::fromStdString(tmp.str("out")), "--dtype", "fp32"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(fs::exists(tmp.path / "out" / "tokenizer_config.json"));
        LlamaFamily saved = loadHfModel(ckptModel, torch::kCPU), exported = loadHfModel(tmp.str("out"), torch::kCPU);
        auto pe = exported->named_parameters();
        for (const auto& p : saved->named_parameters()) QVERIFY2(torch::equal(p.value(), pe[p.key()]), p.key().c_str());
        r = runTrain({"export-model", "--db", QString::fromStdString(db), "--run", "1", "--step", "1", "--out",
                      QString::fromStdString(tmp.str("out1"))});
        QCOMPARE(r.code, 2);  // only step 2 was checkpointed
        QVERIFY2(r.err.find("no checkpoint of step 1") != std::string::npos, r.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestHfCli)
#include "test_hf_cli.moc"
