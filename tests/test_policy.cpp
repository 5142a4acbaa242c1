// Unit tests of the policy stack: tokenizer, transformer (against a brute-force reference), KV cache,
// sampler, checkpoints and a tiny SFT run. One executable, since each LibTorch program needs ~0.8 s to start.
#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "model/checkpoint.h"
#include "model/model_config.h"
#include "model/sampler.h"
#include "model/sft.h"
#include "model/sft_runner.h"
#include "model/tokenizer.h"
#include "model/transformer.h"
#include "util/torch_runtime.h"

using namespace gcpo::model;

namespace {

ModelConfig tinyConfig(const std::string& positions = "learned", bool tie = true) {
    ModelConfig c;
    c.layers = 2;
    c.dModel = 16;
    c.heads = 2;
    c.context = 32;
    c.positions = positions;
    c.tieWeights = tie;
    return c;
}

torch::Tensor randomTokens(int64_t b, int64_t t, uint64_t seed) {
    torch::manual_seed(seed);
    return torch::randint(3, 99, {b, t}, torch::kLong);  // (B, T) no specials
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

namespace fs = std::filesystem;

// A fresh empty directory under the system temp dir, removed with the object.
struct TempDir {
    fs::path path;
    TempDir() {
        static int n = 0;
        path = fs::temp_directory_path() / ("gcpo_test_policy_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string str(const std::string& sub = "") const { return (sub.empty() ? path : path / sub).string(); }
};

template <typename Fn>
std::string errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

bool sameParameters(Transformer& a, Transformer& b) {
    auto pa = a->named_parameters(), pb = b->named_parameters();
    for (const auto& p : pa)
        if (!torch::equal(p.value(), pb[p.key()])) return false;
    return pa.size() == pb.size();
}

nlohmann::json demoTasks() {
    return {{"families", {{{"name", "countdown"}, {"weight", 1}}, {{"name", "sum-decomposition"}, {"weight", 1}}}},
            {"format_reward", 0.1}};
}

nlohmann::json tinySftJson(int steps) {
    return {{"tasks", demoTasks()},
            {"model", {{"layers", 1}, {"d_model", 32}, {"heads", 2}, {"context", 96}}},
            {"train", {{"steps", steps}, {"batch_size", 16}, {"lr", 3e-3}, {"warmup_steps", 5}, {"log_every", 2}}},
            {"eval", {{"every", 4}, {"prompts", 4}, {"max_new_tokens", 24}}},
            {"device", "cpu"},
            {"threads", 1}};
}

// A model whose logits are the same for every input: hidden = ln_f.bias (ln_f.weight = 0), logits =
// lm_head.weight @ hidden. logits[v] = values[v].
Transformer constantLogitsModel(const std::vector<double>& values) {
    ModelConfig c = tinyConfig("learned", /*tie=*/false);
    Transformer m(c);
    torch::NoGradGuard g;
    m->lnF->weight.zero_();
    m->lnF->bias.zero_();
    m->lnF->bias[0] = 1.0;
    m->lmHead->weight.zero_();
    for (size_t v = 0; v < values.size(); ++v) m->lmHead->weight[static_cast<int64_t>(v)][0] = values[v];
    return m;
}

// Brute-force reference of the whole model, one query position at a time with plain loops over keys.
torch::Tensor referenceLogits(Transformer& m, const torch::Tensor& tokens) {  // tokens (1, T) -> (T, V)
    const auto& c = m->config();
    const int64_t T = tokens.size(1), H = c.heads, D = c.headDim();
    auto x = m->wte->weight.index_select(0, tokens[0]).clone();  // (T, C)
    if (c.positions == "learned") x = x + m->wpe->weight.narrow(0, 0, T);
    auto rope = [&](torch::Tensor v, int64_t pos) {  // v (D) for one head
        auto out = v.clone();
        for (int64_t i = 0; i < D / 2; ++i) {
            const double theta = pos * std::pow(10000.0, -static_cast<double>(i) / (D / 2));
            const double a = v[i].item<double>(), b = v[i + D / 2].item<double>();
            out[i] = a * std::cos(theta) - b * std::sin(theta);
            out[i + D / 2] = a * std::sin(theta) + b * std::cos(theta);
        }
        return out;
    };
    auto layerNorm = [](const torch::Tensor& v, const torch::Tensor& w, const torch::Tensor& b) {
        const auto mu = v.mean(-1, true);
        const auto var = (v - mu).pow(2).mean(-1, true);
        return (v - mu) / torch::sqrt(var + 1e-5) * w + b;
    };
    for (const auto& named : m->blocks->named_children()) {
        auto params = named.value()->named_parameters();
        auto h = layerNorm(x, params["ln1.weight"], params["ln1.bias"]);                       // (T, C)
        auto qkv = torch::matmul(h, params["attn.qkv.weight"].t()) + params["attn.qkv.bias"];  // (T, 3C)
        auto y = torch::zeros_like(x);                                                         // (T, C)
        for (int64_t head = 0; head < H; ++head)
            for (int64_t t = 0; t < T; ++t) {
                auto q = qkv[t].narrow(0, head * D, D);
                if (c.positions == "rotary") q = rope(q, t);
                std::vector<torch::Tensor> scores, values;
                for (int64_t s = 0; s <= t; ++s) {
                    auto k = qkv[s].narrow(0, c.dModel + head * D, D);
                    if (c.positions == "rotary") k = rope(k, s);
                    scores.push_back((q * k).sum() / std::sqrt(static_cast<double>(D)));
                    values.push_back(qkv[s].narrow(0, 2 * c.dModel + head * D, D));
                }
                const auto w = torch::softmax(torch::stack(scores), 0);
                y[t].narrow(0, head * D, D).copy_((w.unsqueeze(1) * torch::stack(values)).sum(0));
            }
        x = x + torch::matmul(y, params["attn.proj.weight"].t()) + params["attn.proj.bias"];
        h = layerNorm(x, params["ln2.weight"], params["ln2.bias"]);
        auto f = torch::matmul(h, params["mlp.fc.weight"].t()) + params["mlp.fc.bias"];
        f = 0.5 * f * (1.0 + torch::erf(f / std::sqrt(2.0)));  // exact GELU
        x = x + torch::matmul(f, params["mlp.proj.weight"].t()) + params["mlp.proj.bias"];
    }
    auto h = layerNorm(x, m->lnF->weight, m->lnF->bias);
    return torch::matmul(h, (c.tieWeights ? m->wte->weight : m->lmHead->weight).t());  // (T, V)
}

}  // namespace

class TestPolicy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { gcpo::setTorchThreads(1); }

    // The attention products in parallel over (row, head): the same values and gradients as
    // torch::matmul, with two threads, on strided inputs (a transposed view, as k^T is).
    void headMatmulEqualsMatmul() {
        gcpo::setTorchThreads(2);
        torch::manual_seed(5);
        const auto a = torch::randn({3, 4, 7, 5}).requires_grad_(true);            // (B, H, M, K)
        const auto bt = torch::randn({3, 4, 6, 5}).requires_grad_(true);           // (B, H, N, K)
        const auto g = torch::randn({3, 4, 7, 6});                                 // (B, H, M, N)
        const auto ours = gcpo::model::headMatmul(a * 2.0, bt.transpose(-2, -1));  // (B, H, M, N)
        const auto ref = torch::matmul(a * 2.0, bt.transpose(-2, -1));             // (B, H, M, N)
        const auto gOurs = torch::autograd::grad({ours}, {a, bt}, {g});
        const auto gRef = torch::autograd::grad({ref}, {a, bt}, {g});
        gcpo::setTorchThreads(1);
        QVERIFY(torch::allclose(ours, ref, 1e-6, 1e-6));
        for (int i = 0; i < 2; ++i) QVERIFY(torch::allclose(gOurs[i], gRef[i], 1e-6, 1e-6));
        QVERIFY(gOurs[0].abs().sum().item<double>() > 0);

        // The layouts the model hands over: v as a permuted view of the fused qkv projection (row
        // stride 3C, not the row length), a single query row (prefill of one token), a keys view
        // transposed, and an operand with no unit stride (copied first).
        const int64_t B = 2, T = 5, H = 3, D = 4;
        const auto qkv = torch::randn({B, T, 3, H, D}).permute({2, 0, 3, 1, 4});  // (3, B, H, T, D)
        const auto att = torch::softmax(torch::randn({B, H, T, T}), -1);          // (B, H, T, T)
        QVERIFY(torch::allclose(gcpo::model::headMatmul(att, qkv[2]), torch::matmul(att, qkv[2]), 1e-6, 1e-6));
        const auto q1 = qkv[0].narrow(2, 0, 1);    // (B, H, 1, D)
        const auto kt = qkv[1].transpose(-2, -1);  // (B, H, D, T)
        QVERIFY(torch::allclose(gcpo::model::headMatmul(q1, kt), torch::matmul(q1, kt), 1e-6, 1e-6));
        const auto strided = torch::randn({B, H, 2 * T, 2 * T}).slice(2, 0, 2 * T, 2).slice(3, 0, 2 * T, 2);  // (B, H, T, T)
        QVERIFY(torch::allclose(gcpo::model::headMatmul(strided, qkv[2]), torch::matmul(strided, qkv[2]), 1e-6, 1e-6));
    }

    // The attention scores in one call: alpha q k^T + mask, the mask (B, 1, T, K) of 0 / -inf
    // broadcast over the heads, against the operators it replaces, values and gradients.
    void headMatmulScalesAndAddsTheMask() {
        gcpo::setTorchThreads(2);
        torch::manual_seed(7);
        const int64_t B = 3, H = 2, T = 6, D = 8;
        const auto q = torch::randn({B, H, T, D}).requires_grad_(true);                              // (B, H, T, D)
        const auto k = torch::randn({B, H, T, D}).requires_grad_(true);                              // (B, H, T, D)
        const auto allowed = torch::ones({T, T}, torch::kBool).tril().expand({B, 1, T, T}).clone();  // (B, 1, T, T)
        allowed[1][0][T - 1][0] = false;                                                             // one row's own mask
        const auto mask =
            torch::zeros({B, 1, T, T}).masked_fill_(allowed.logical_not(), -std::numeric_limits<double>::infinity());
        const auto g = torch::randn({B, H, T, T});  // (B, H, T, T)
        for (const double alpha : {0.125, 0.3}) {
            const auto ours = gcpo::model::headMatmul(q, k.transpose(-2, -1), alpha, mask);  // (B, H, T, T)
            const auto ref = torch::matmul(q * alpha, k.transpose(-2, -1)) + mask;           // (B, H, T, T)
            QVERIFY(torch::equal(torch::isinf(ours), torch::isinf(ref)));
            QCOMPARE(torch::isinf(ours).sum().item<int64_t>(), B * H * T * (T - 1) / 2 + H);
            const auto finite = torch::isfinite(ref);
            QVERIFY(torch::allclose(ours.masked_select(finite), ref.masked_select(finite), 1e-5, 1e-6));
            // Bit for bit what the model computed before: q scaled, the product, the mask added (a
            // power of two scales inside the BLAS call, another alpha scales q first).
            const auto before = gcpo::model::headMatmul(q * alpha, k.transpose(-2, -1)) + mask;  // (B, H, T, T)
            QVERIFY(torch::equal(ours.masked_select(finite), before.masked_select(finite)));
            const auto gOurs = torch::autograd::grad({ours.masked_fill(~finite, 0)}, {q, k}, {g});
            const auto gRef = torch::autograd::grad({ref.masked_fill(~finite, 0)}, {q, k}, {g});
            for (int i = 0; i < 2; ++i) QVERIFY(torch::allclose(gOurs[i], gRef[i], 1e-5, 1e-6));
            QVERIFY(gOurs[0].abs().sum().item<double>() > 0);
        }
        gcpo::setTorchThreads(1);
    }

    // The linear layers' rows in parallel, one BLAS call per thread: the values and gradients of
    // torch's linear with two threads, with and without a bias, on a (B, T, I) input, a transposed
    // (non-contiguous) one and a single vector, at sizes that do not split evenly.
    void blasLinearEqualsLinear() {
        gcpo::setTorchThreads(2);
        torch::manual_seed(6);
        const auto w = torch::randn({19, 5}).requires_grad_(true);  // (O, I): O > 16, the rows split over two threads
        const auto b = torch::randn({19}).requires_grad_(true);     // (O)
        const std::vector<torch::Tensor> inputs = {
            torch::randn({3, 37, 5}).requires_grad_(true),  // (B, T, I)
            torch::randn({5, 37}).requires_grad_(true),     // (I, T): used transposed
            torch::randn({5}).requires_grad_(true),         // (I)
        };
        for (const auto& in : inputs) {
            const auto x = in.dim() == 2 ? in.t() : in;
            for (const bool bias : {true, false}) {
                const auto bb = bias ? b : torch::Tensor();
                const auto ours = gcpo::model::blasLinear(x, w, bb);
                const auto ref = torch::nn::functional::linear(x, w, bb);
                QCOMPARE(ours.sizes(), ref.sizes());
                QVERIFY(torch::allclose(ours, ref, 1e-5, 1e-6));
                const auto g = torch::randn_like(ref);
                std::vector<torch::Tensor> wrt = {in, w};
                if (bias) wrt.push_back(b);
                const auto gOurs = torch::autograd::grad({ours}, wrt, {g});
                const auto gRef = torch::autograd::grad({ref}, wrt, {g});
                for (size_t i = 0; i < wrt.size(); ++i) {
                    QCOMPARE(gOurs[i].sizes(), gRef[i].sizes());
                    QVERIFY2(torch::allclose(gOurs[i], gRef[i], 1e-5, 1e-5), qPrintable(QString("gradient %1").arg(i)));
                    QVERIFY(gOurs[i].abs().sum().item<double>() > 0);
                }
                torch::NoGradGuard noGrad;  // the sampling path: no autograd record
                QVERIFY(torch::allclose(gcpo::model::blasLinear(x, w, bb), ref, 1e-5, 1e-6));
            }
        }
        gcpo::setTorchThreads(1);
    }

    // ---- tokenizer ----
    void tokenizerRoundTrip() {
        Tokenizer tok;
        QCOMPARE(tok.vocabSize(), int64_t(99));
        std::string all = "\n";
        for (int c = 32; c <= 126; ++c) all += static_cast<char>(c);
        const auto ids = tok.encode(all, true, true);
        QCOMPARE(ids.size(), all.size() + 2);
        QCOMPARE(ids.front(), Tokenizer::kBos);
        QCOMPARE(ids.back(), Tokenizer::kEos);
        QCOMPARE(tok.decode(ids), all);
        // every digit its own token, in order
        const auto digits = tok.encode("0123456789");
        for (size_t i = 1; i < digits.size(); ++i) QCOMPARE(digits[i], digits[i - 1] + 1);
        QCOMPARE(tok.decode({tok.encode("ab")[0], Tokenizer::kEos, tok.encode("c")[0]}, true, true), std::string("a"));
        QCOMPARE(tok.decode({Tokenizer::kBos, tok.encode("x")[0], Tokenizer::kPad}, false), std::string("<bos>x<pad>"));
        QVERIFY(Tokenizer::fromJson(tok.toJson()) == tok);
    }

    void tokenizerErrors() {
        Tokenizer tok;
        try {
            tok.encode("ab\tc");
            QFAIL("tab accepted");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("position 2") != std::string::npos && what.find("\\t") != std::string::npos, e.what());
        }
        try {
            tok.encode("x = \xc3\xa9");
            QFAIL("non-ASCII accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("position 4") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, tok.decode({5, 99}));
        auto j = tok.toJson();
        j["tokens"][10] = "#";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tokenizer::fromJson(j));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tokenizer::fromJson(nlohmann::json{{"format", "bpe"}, {"tokens", {}}}));
    }

    void modelConfigJson() {
        ModelConfig c = tinyConfig("rotary", false);
        QVERIFY(modelConfigFromJson(toJson(c)) == c);
        auto expectError = [](const nlohmann::json& j, const std::string& needle) {
            try {
                modelConfigFromJson(j);
                QFAIL(("accepted " + j.dump()).c_str());
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
            }
        };
        expectError({{"d_model", 100}, {"heads", 3}}, "model.heads");
        expectError({{"positions", "absolute"}}, "model.positions");
        expectError({{"layerz", 2}}, "model.layerz: unknown key");
        expectError({{"dropout", 1.5}}, "model.dropout");
        QVERIFY(!describeDifference(c, tinyConfig()).empty());
    }

    // ---- transformer ----
    void namedParameterKeysArePinned() {
        Transformer tied(tinyConfig("learned", true));
        std::vector<std::string> keys;
        for (const auto& p : tied->named_parameters()) keys.push_back(p.key());
        std::vector<std::string> expected = {"wte.weight", "wpe.weight"};
        for (int i = 0; i < 2; ++i)
            for (const char* k :
                 {"ln1.weight", "ln1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
                  "ln2.weight", "ln2.bias", "mlp.fc.weight", "mlp.fc.bias", "mlp.proj.weight", "mlp.proj.bias"})
                expected.push_back("blocks." + std::to_string(i) + "." + k);
        expected.push_back("ln_f.weight");
        expected.push_back("ln_f.bias");
        QCOMPARE(keys, expected);

        Transformer untied(tinyConfig("rotary", false));
        keys.clear();
        for (const auto& p : untied->named_parameters()) keys.push_back(p.key());
        expected.erase(expected.begin() + 1);  // no wpe
        expected.push_back("lm_head.weight");
        QCOMPARE(keys, expected);
        QCOMPARE(untied->parameterCount(), tied->parameterCount() - 32 * 16 + 99 * 16);
    }

    void matchesBruteForceReference_data() {
        QTest::addColumn<QString>("positions");
        QTest::addColumn<bool>("tie");
        QTest::newRow("learned-tied") << "learned" << true;
        QTest::newRow("rotary-untied") << "rotary" << false;
    }
    void matchesBruteForceReference() {
        QFETCH(QString, positions);
        QFETCH(bool, tie);
        torch::manual_seed(3);
        Transformer m(tinyConfig(positions.toStdString(), tie));
        m->eval();
        {  // larger weights than the 0.02 init, so attention is far from uniform
            torch::NoGradGuard g;
            for (auto& p : m->parameters()) p.add_(torch::randn_like(p) * 0.3);
        }
        torch::NoGradGuard g;
        const auto tokens = randomTokens(1, 9, 5);
        const auto logits = m->forward(tokens).logits[0];  // (T, V)
        const auto ref = referenceLogits(m, tokens);
        QVERIFY2(maxAbsDiff(logits, ref) < 1e-4, qPrintable(QString::number(maxAbsDiff(logits, ref))));
    }

    void causalMasking_data() { matchesBruteForceReference_data(); }
    void causalMasking() {
        QFETCH(QString, positions);
        QFETCH(bool, tie);
        torch::manual_seed(4);
        Transformer m(tinyConfig(positions.toStdString(), tie));
        m->eval();
        torch::NoGradGuard g;
        auto a = randomTokens(2, 12, 6);
        auto b = a.clone();
        b.select(1, 7).fill_(50);
        a.select(1, 7).fill_(60);
        const auto la = m->forward(a).logits, lb = m->forward(b).logits;  // (B, T, V)
        QCOMPARE(maxAbsDiff(la.narrow(1, 0, 7), lb.narrow(1, 0, 7)), 0.0);
        QVERIFY(maxAbsDiff(la.narrow(1, 7, 5), lb.narrow(1, 7, 5)) > 1e-4);
    }

    void paddingDoesNotChangeRealTokens_data() { matchesBruteForceReference_data(); }
    void paddingDoesNotChangeRealTokens() {
        QFETCH(QString, positions);
        QFETCH(bool, tie);
        torch::manual_seed(5);
        Transformer m(tinyConfig(positions.toStdString(), tie));
        m->eval();
        torch::NoGradGuard g;
        const auto row = randomTokens(1, 6, 7);             // (1, 6)
        const auto plain = m->forward(row).logits[0];       // (6, V)
        auto padded = torch::zeros({2, 10}, torch::kLong);  // (2, 10) left and right padding
        auto valid = torch::zeros({2, 10}, torch::kBool);
        padded[0].narrow(0, 4, 6).copy_(row[0]);
        valid[0].narrow(0, 4, 6).fill_(true);
        padded[1].narrow(0, 0, 6).copy_(row[0]);
        valid[1].narrow(0, 0, 6).fill_(true);
        const auto out = m->forward(padded, valid).logits;  // (2, 10, V)
        QVERIFY(torch::isfinite(out).all().item<bool>());
        QVERIFY(maxAbsDiff(out[0].narrow(0, 4, 6), plain) < 1e-5);
        QVERIFY(maxAbsDiff(out[1].narrow(0, 0, 6), plain) < 1e-5);
    }

    void kvCacheMatchesFullForward_data() { matchesBruteForceReference_data(); }
    void kvCacheMatchesFullForward() {
        QFETCH(QString, positions);
        QFETCH(bool, tie);
        torch::manual_seed(6);
        Transformer m(tinyConfig(positions.toStdString(), tie));
        m->eval();
        torch::NoGradGuard g;
        auto tokens = randomTokens(3, 14, 8);
        auto valid = torch::ones({3, 14}, torch::kBool);
        valid[1].narrow(0, 0, 3).fill_(false);  // a left-padded row
        const auto full = m->forward(tokens, valid);
        KVCache cache = m->makeCache(3, 20);
        std::vector<torch::Tensor> logits{m->forwardCached(tokens.narrow(1, 0, 5), valid.narrow(1, 0, 5), cache).logits};
        std::vector<torch::Tensor> hidden;
        for (int64_t t = 5; t < 14; t += 3) {
            const int64_t n = std::min<int64_t>(3, 14 - t);
            logits.push_back(m->forwardCached(tokens.narrow(1, t, n), valid.narrow(1, t, n), cache).logits);
        }
        QCOMPARE(cache.length, int64_t(14));
        const auto cached = torch::cat(logits, 1);  // (3, 14, V)
        const auto fullReal = full.logits.masked_select(valid.unsqueeze(2));
        const auto cachedReal = cached.masked_select(valid.unsqueeze(2));
        QVERIFY2(maxAbsDiff(fullReal, cachedReal) < 1e-4, qPrintable(QString::number(maxAbsDiff(fullReal, cachedReal))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->forwardCached(tokens.narrow(1, 0, 7), {}, cache));  // full
    }

    void scoreTokensMatchesLogSoftmax() {
        torch::manual_seed(7);
        Transformer m(tinyConfig());
        const auto tokens = randomTokens(2, 8, 9);
        auto valid = torch::ones({2, 8}, torch::kBool);
        valid[0].narrow(0, 0, 2).fill_(false);
        const auto s = scoreTokens(m, tokens, valid, true);
        QVERIFY(s.logprobs.requires_grad());
        const auto logits = m->forward(tokens, valid).logits.detach();
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t t = 0; t < 8; ++t) {
                const bool scored = t > 0 && valid[b][t].item<bool>() && valid[b][t - 1].item<bool>();
                const double expected = scored ? torch::log_softmax(logits[b][t - 1], 0)[tokens[b][t]].item<double>() : 0.0;
                QVERIFY(std::abs(s.logprobs[b][t].item<double>() - expected) < 1e-5);
                QVERIFY(scored ? s.entropy[b][t].item<double>() > 0.0 : s.entropy[b][t].item<double>() == 0.0);
            }
        QCOMPARE(s.hidden.sizes(), (torch::IntArrayRef{2, 8, 16}));
    }

    // ---- sampler ----
    void samplerIsSeededAndCacheIndependent() {
        torch::manual_seed(8);
        Transformer m(tinyConfig("rotary"));
        Tokenizer tok;
        const std::vector<std::vector<int64_t>> prompts = {tok.encode("12+3=", true), tok.encode("7*8-1=", true),
                                                           tok.encode("x", true)};
        SamplingConfig cfg;
        cfg.maxNewTokens = 20;
        cfg.seed = 11;
        cfg.temperature = 1.3;
        const auto a = sample(m, prompts, 4, cfg, tok.eos());
        const auto b = sample(m, prompts, 4, cfg, tok.eos());
        QVERIFY(torch::equal(a.tokens, b.tokens));
        cfg.useCache = false;
        const auto c = sample(m, prompts, 4, cfg, tok.eos());
        QVERIFY(torch::equal(a.tokens, c.tokens));
        QVERIFY(maxAbsDiff(a.logprobs, c.logprobs) < 1e-4);
        QVERIFY(maxAbsDiff(a.hidden, c.hidden) < 1e-4);
        cfg.useCache = true;
        cfg.seed = 12;
        const auto d = sample(m, prompts, 4, cfg, tok.eos());
        QVERIFY(!torch::equal(a.tokens, d.tokens));
        // shapes and layout: group rows b*G .. b*G+G-1 share prompt b (left-padded to P = 7)
        QCOMPARE(a.tokens.size(0), int64_t(12));
        QCOMPARE(a.promptWidth, int64_t(7));
        QCOMPARE(a.hidden.sizes(), (torch::IntArrayRef{12, a.tokens.size(1), 16}));
        QCOMPARE(a.sequenceValid[8].narrow(0, 0, 7).sum().item<int64_t>(), int64_t(2));
        QVERIFY(torch::equal(a.sequences.narrow(1, 7, a.tokens.size(1)), a.tokens));
        QCOMPARE(meanPooledHidden(a).sizes(), (torch::IntArrayRef{12, 16}));
    }

    void samplerLogprobsMatchScoring() {
        torch::manual_seed(9);
        Transformer m(tinyConfig());
        Tokenizer tok;
        SamplingConfig cfg;
        cfg.maxNewTokens = 12;
        cfg.seed = 3;
        cfg.temperature = 0.7;
        cfg.topK = 20;
        const auto s = sample(m, {tok.encode("abc", true), tok.encode("hello", true)}, 3, cfg, tok.eos());
        torch::NoGradGuard g;
        const auto scores = scoreTokens(m, s.sequences, s.sequenceValid);
        const auto n = s.tokens.size(1);
        const auto lp = scores.logprobs.narrow(1, s.promptWidth, n) * s.mask;              // (R, N)
        const auto hid = scores.hidden.narrow(1, s.promptWidth, n) * s.mask.unsqueeze(2);  // (R, N, C)
        QVERIFY(maxAbsDiff(lp, s.logprobs) < 1e-4);
        QVERIFY(maxAbsDiff(hid, s.hidden) < 1e-4);
        // sampling log-probs are those of the tempered, top-k distribution, not the policy's
        QVERIFY(maxAbsDiff(s.samplingLogprobs, s.logprobs) > 1e-3);
    }

    void samplerStopsEachRowAtEos() {
        std::vector<double> values(99, 0.0);
        values[Tokenizer::kEos] = std::log(0.25 * 98 / 0.75);  // p(EOS) = 0.25 per step
        Transformer m = constantLogitsModel(values);
        SamplingConfig cfg;
        cfg.maxNewTokens = 6;
        cfg.seed = 5;
        const auto s = sample(m, {{Tokenizer::kBos, 10}}, 32, cfg, Tokenizer::kEos);
        int64_t ended = 0;
        for (int64_t r = 0; r < 32; ++r) {
            bool seenEos = false;
            int64_t len = 0;
            for (int64_t n = 0; n < s.tokens.size(1); ++n) {
                const int64_t t = s.tokens[r][n].item<int64_t>();
                const double mk = s.mask[r][n].item<double>();
                if (seenEos) {
                    QCOMPARE(t, Tokenizer::kPad);
                    QCOMPARE(mk, 0.0);
                    QCOMPARE(s.logprobs[r][n].item<double>(), 0.0);
                } else {
                    QCOMPARE(mk, 1.0);
                    ++len;
                    seenEos = t == Tokenizer::kEos;
                }
            }
            QCOMPARE(s.lengths[r].item<int64_t>(), len);
            QCOMPARE(s.finished[r].item<bool>(), seenEos);
            ended += seenEos;
        }
        QVERIFY(ended > 15 && ended < 32);  // 82% expected to end within 6 steps: some rows end, others are cut
        QVERIFY(s.lengths.min().item<int64_t>() < s.lengths.max().item<int64_t>());
        // greedy with EOS the most likely token: every row stops after one token and the output is trimmed
        values[Tokenizer::kEos] = 5.0;
        Transformer g = constantLogitsModel(values);
        cfg.temperature = 0.0;
        const auto sg = sample(g, {{Tokenizer::kBos}}, 4, cfg, Tokenizer::kEos);
        QCOMPARE(sg.tokens.size(1), int64_t(4));  // stops at the first sync after all rows ended
        QCOMPARE(sg.lengths.sum().item<int64_t>(), int64_t(4));
        QVERIFY(sg.finished.all().item<bool>());
    }

    void topKAndTopPRestrictTheSupport() {
        std::vector<double> values(99);
        for (int v = 0; v < 99; ++v) values[v] = 0.05 * v;  // token 98 most likely
        values[Tokenizer::kEos] = -50.0;
        Transformer m = constantLogitsModel(values);
        const auto logits = torch::tensor(values, torch::kDouble);
        SamplingConfig cfg;
        cfg.maxNewTokens = 16;
        cfg.seed = 9;
        cfg.temperature = 0.5;
        cfg.topK = 5;
        auto s = sample(m, {{Tokenizer::kBos}}, 16, cfg, Tokenizer::kEos);
        QVERIFY(s.tokens.min().item<int64_t>() >= 94);
        QVERIFY(std::get<0>(torch::_unique(s.tokens)).numel() >= 3);  // really sampled, not greedy
        // sampling log-probs: the renormalised tempered top-5 distribution, computed independently
        const auto top = torch::log_softmax(logits.narrow(0, 94, 5) / 0.5, 0);
        for (int64_t n = 0; n < 16; ++n) {
            const int64_t t = s.tokens[0][n].item<int64_t>();
            QVERIFY(std::abs(s.samplingLogprobs[0][n].item<double>() - top[t - 94].item<double>()) < 1e-4);
            QVERIFY(std::abs(s.logprobs[0][n].item<double>() - torch::log_softmax(logits, 0)[t].item<double>()) < 1e-4);
        }
        // top-p: the smallest prefix (by probability) whose mass reaches p
        cfg.topK = 0;
        cfg.topP = 0.6;
        cfg.temperature = 1.0;
        const auto probs = torch::softmax(logits, 0);
        const auto sorted = std::get<0>(probs.sort(0, true));
        int64_t keep = 0;
        double mass = 0.0;
        while (mass < 0.6) mass += sorted[keep++].item<double>();
        s = sample(m, {{Tokenizer::kBos}}, 32, cfg, Tokenizer::kEos);
        QVERIFY(s.tokens.min().item<int64_t>() >= 99 - keep);
        QVERIFY(s.tokens.min().item<int64_t>() < 99 - keep + 3);  // the low end of the nucleus is reached
    }

    void samplerRejectsBadSettings() {
        Transformer m(tinyConfig());
        SamplingConfig cfg;
        cfg.maxNewTokens = 40;  // + prompt > context 32
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sample(m, {{1, 5}}, 2, cfg, 2));
        cfg.maxNewTokens = 4;
        cfg.topP = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sample(m, {{1, 5}}, 2, cfg, 2));
        cfg.topP = 1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sample(m, {{}}, 2, cfg, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sample(m, {{1, 500}}, 2, cfg, 2));
    }

    // ---- clone and checkpoints ----
    void cloneIsADeepCopy() {
        torch::manual_seed(10);
        Transformer m(tinyConfig("rotary", false));
        auto copy = std::dynamic_pointer_cast<TransformerImpl>(m->clone());
        QVERIFY(copy != nullptr);
        Transformer c(copy);
        QVERIFY(sameParameters(m, c));
        {
            torch::NoGradGuard g;
            c->lnF->bias.add_(1.0);
        }
        QVERIFY(!torch::equal(m->lnF->bias, c->lnF->bias));
        QCOMPARE(c->config(), m->config());
    }

    void checkpointRoundTrip() {
        TempDir tmp;
        torch::manual_seed(11);
        Transformer m(tinyConfig());
        torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
        auto trainStep = [](Transformer& model, torch::optim::AdamW& o) {
            o.zero_grad();
            const auto tokens = randomTokens(2, 10, 12);
            model->forward(tokens).logits.pow(2).mean().backward();
            o.step();
        };
        trainStep(m, opt);
        CheckpointInfo info;
        info.step = 7;
        info.dataRngState = "123 456";
        info.extra = {{"note", "x"}};
        Tokenizer tok;
        saveCheckpoint(tmp.str("ck"), m, tok, &opt, info);
        saveCheckpoint(tmp.str("ck"), m, tok, &opt, info);  // replacing an existing checkpoint
        for (const auto& e : fs::directory_iterator(tmp.path)) QCOMPARE(e.path().filename().string(), std::string("ck"));
        const auto rngAfterSave = torch::rand({4});

        torch::manual_seed(99);
        Transformer fresh(tinyConfig());
        torch::optim::AdamW freshOpt(fresh->parameters(), torch::optim::AdamWOptions(1e-2));
        QVERIFY(!sameParameters(m, fresh));
        const CheckpointInfo back = loadCheckpoint(tmp.str("ck"), fresh, tok, &freshOpt, /*restoreRng=*/true);
        QVERIFY(sameParameters(m, fresh));
        QCOMPARE(back.step, int64_t(7));
        QCOMPARE(back.dataRngState, std::string("123 456"));
        QCOMPARE(back.extra["note"].get<std::string>(), std::string("x"));
        QVERIFY(back.hasOptimizer);
        QVERIFY(torch::equal(torch::rand({4}), rngAfterSave));  // torch RNG restored to the saved state
        // optimizer moments restored: the next step is identical
        trainStep(m, opt);
        trainStep(fresh, freshOpt);
        QVERIFY(maxAbsDiff(m->wte->weight, fresh->wte->weight) < 1e-7);

        const LoadedPolicy p = loadPolicy(tmp.str("ck"), torch::kCPU);
        QCOMPARE(p.model->config(), tinyConfig());
        QVERIFY(!p.model->is_training());
    }

    void checkpointRefusesMismatchAndDamage() {
        TempDir tmp;
        Transformer m(tinyConfig());
        Tokenizer tok;
        saveCheckpoint(tmp.str("ck"), m, tok, nullptr, CheckpointInfo{});
        const fs::path ck = tmp.path / "ck";
        QVERIFY(!readCheckpointInfo(ck.string()).hasOptimizer);

        ModelConfig other = tinyConfig();
        other.dModel = 32;
        Transformer wider(other);
        std::string err = errorOf([&] { loadCheckpoint(ck.string(), wider, tok); });
        QVERIFY2(err.find("different model") != std::string::npos && err.find("d_model 16 vs 32") != std::string::npos,
                 err.c_str());

        err = errorOf([&] { readCheckpointInfo(tmp.str("missing")); });
        QVERIFY2(err.find("does not exist") != std::string::npos, err.c_str());
        fs::create_directories(tmp.path / "foreign");
        std::ofstream(tmp.path / "foreign" / "model.pt") << "hello";
        err = errorOf([&] { readCheckpointInfo(tmp.str("foreign")); });
        QVERIFY2(err.find("not a GCPO policy checkpoint") != std::string::npos, err.c_str());
        std::ofstream(tmp.path / "foreign" / "manifest.json") << R"({"format":"something-else","version":1})";
        err = errorOf([&] { readCheckpointInfo(tmp.str("foreign")); });
        QVERIFY2(err.find("something-else") != std::string::npos, err.c_str());
        err = errorOf([&] { readCheckpointInfo((tmp.path / "foreign" / "model.pt").string()); });
        QVERIFY2(err.find("is a file") != std::string::npos, err.c_str());

        // a vocabulary that differs from this build's
        {
            std::ifstream in(ck / "config.json");
            auto cfg = nlohmann::json::parse(in);
            cfg["tokenizer"]["tokens"][20] = "?";
            std::ofstream(ck / "config.json") << cfg.dump();
        }
        err = errorOf([&] { loadCheckpoint(ck.string(), m, tok); });
        QVERIFY2(err.find("config.json is invalid") != std::string::npos && err.find("tokenizer.tokens[20]") != std::string::npos,
                 err.c_str());

        // truncated and foreign weight files: a clear error, never a crash
        saveCheckpoint(tmp.str("ck"), m, tok, nullptr, CheckpointInfo{});
        const auto size = fs::file_size(ck / "model.pt");
        fs::resize_file(ck / "model.pt", size / 2);
        err = errorOf([&] { loadCheckpoint(ck.string(), m, tok); });
        QVERIFY2(err.find("model.pt is truncated, damaged") != std::string::npos, err.c_str());
        std::ofstream(ck / "model.pt", std::ios::trunc) << "not a torch archive at all";
        err = errorOf([&] { loadCheckpoint(ck.string(), m, tok); });
        QVERIFY2(err.find("model.pt") != std::string::npos, err.c_str());
        std::ofstream(ck / "manifest.json", std::ios::trunc) << "{\"format\": ";
        err = errorOf([&] { loadPolicy(ck.string(), torch::kCPU); });
        QVERIFY2(err.find("manifest.json is damaged") != std::string::npos, err.c_str());
    }

    // ---- SFT ----
    void sftConfigErrorsNameTheKey_data() {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("needle");
        QTest::newRow("lr") << R"({"train":{"lr":-1}})"
                            << "train.lr";
        QTest::newRow("unknown") << R"({"train":{"stepz":3}})"
                                 << "train.stepz: unknown key";
        QTest::newRow("model") << R"({"model":{"heads":5}})"
                               << "model.heads";
        QTest::newRow("eval") << R"({"eval":{"max_new_tokens":500}})"
                              << "eval.max_new_tokens";
        QTest::newRow("top") << R"({"epochs":3})"
                             << "epochs: unknown key";
    }
    void sftConfigErrorsNameTheKey() {
        QFETCH(QString, patch);
        QFETCH(QString, needle);
        nlohmann::json j = tinySftJson(4);
        j.merge_patch(nlohmann::json::parse(patch.toStdString()));
        const std::string err = errorOf([&] { sftConfigFromJson(j); });
        QVERIFY2(err.find(needle.toStdString()) != std::string::npos, err.c_str());
        nlohmann::json noTasks = tinySftJson(4);
        noTasks.erase("tasks");
        QVERIFY(errorOf([&] { sftConfigFromJson(noTasks); }).rfind("tasks:", 0) == 0);
        QVERIFY(sftConfigFromJson(toJson(sftConfigFromJson(tinySftJson(4)))).steps == 4);
    }

    void sftLearningRateSchedule() {
        SftConfig c;
        c.steps = 100;
        c.warmupSteps = 10;
        c.lr = 1.0;
        c.minLrRatio = 0.1;
        QVERIFY(sftLearningRate(c, 0) < sftLearningRate(c, 5));
        QVERIFY(std::abs(sftLearningRate(c, 10) - 1.0) < 1e-12);
        QVERIFY(std::abs(sftLearningRate(c, 55) - 0.55) < 1e-12);  // cosine midpoint
        QVERIFY(std::abs(sftLearningRate(c, 100) - 0.1) < 1e-12);
    }

    void sftBatchMasksOnlyTheCompletion() {
        Tokenizer tok;
        const auto b = makeSftBatch({{"ab\n", "<x>"}, {"a\n", "yz"}}, tok, 16, torch::kCPU);
        // row 0: BOS a b \n < x > EOS (8 tokens); row 1: BOS a \n y z EOS + 2 PAD
        QCOMPARE(b.tokens.sizes(), (torch::IntArrayRef{2, 8}));
        QCOMPARE(b.realTokens, int64_t(14));
        const std::vector<float> m0 = {0, 0, 0, 0, 1, 1, 1, 1}, m1 = {0, 0, 0, 1, 1, 1, 0, 0};
        QVERIFY(torch::equal(b.lossMask[0], torch::tensor(m0)));
        QVERIFY(torch::equal(b.lossMask[1], torch::tensor(m1)));
        QCOMPARE(b.tokens[1][5].item<int64_t>(), Tokenizer::kEos);
        QCOMPARE(b.valid[1].sum().item<int64_t>(), int64_t(6));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeSftBatch({{"a\n", std::string(20, 'x')}}, tok, 16, torch::kCPU));
    }

    void tinySftRunDecreasesLoss() {
        SftConfig c = sftConfigFromJson(tinySftJson(40));
        SftTrainer t(c, torch::kCPU);
        std::vector<double> losses;
        for (int i = 0; i < 40; ++i) losses.push_back(t.step().loss.item<double>());
        double tail = 0.0;
        for (int i = 35; i < 40; ++i) tail += losses[i] / 5.0;
        QVERIFY2(tail < 0.6 * losses[0], qPrintable(QString("first %1, last-5 mean %2").arg(losses[0]).arg(tail)));
        const SftEvalResult e = t.evaluate();
        QCOMPARE(e.prompts, int64_t(4));
        QVERIFY(e.meanLength > 0.0);
    }

    void runSftWritesCheckpointAndStops() {
        TempDir tmp;
        std::vector<SftProgress> seen;
        const int rc = runSft(tinySftJson(4), tmp.str("run"), [&](const SftProgress& p) { seen.push_back(p); });
        QCOMPARE(rc, 0);
        QVERIFY(fs::exists(tmp.path / "run" / "checkpoint" / "manifest.json"));
        QVERIFY(fs::exists(tmp.path / "run" / "config.json"));
        const CheckpointInfo info = readCheckpointInfo(tmp.str("run/checkpoint"));
        QCOMPARE(info.step, int64_t(4));
        QVERIFY(info.extra.contains("eval"));
        QCOMPARE(seen.back().kind, SftProgress::Kind::Done);
        int trains = 0, evals = 0;
        for (const auto& p : seen) {
            trains += p.kind == SftProgress::Kind::Train;
            evals += p.kind == SftProgress::Kind::Eval;
        }
        QCOMPARE(trains, 2);  // log_every 2
        QCOMPARE(evals, 1);   // eval.every 4 = the final eval (reported as Eval, then Done)
        QVERIFY(toJson(seen.back()).contains("eval/accuracy"));

        std::atomic<bool> stop{true};
        seen.clear();
        QCOMPARE(runSft(
                     tinySftJson(6), tmp.str("stopped"), [&](const SftProgress& p) { seen.push_back(p); }, &stop),
                 130);
        QCOMPARE(readCheckpointInfo(tmp.str("stopped/checkpoint")).step, int64_t(1));
        stop = false;  // the same config in the same directory continues from step 1
        seen.clear();
        QCOMPARE(runSft(
                     tinySftJson(6), tmp.str("stopped"), [&](const SftProgress& p) { seen.push_back(p); }, &stop),
                 0);
        QCOMPARE(seen.front().step, int64_t(2));
        QCOMPARE(readCheckpointInfo(tmp.str("stopped/checkpoint")).step, int64_t(6));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSft(nlohmann::json{{"tasks", 3}}, tmp.str("bad"), nullptr));
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "test_policy.moc"
