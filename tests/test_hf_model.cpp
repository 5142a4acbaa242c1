// Unit tests of the Hugging Face model stack: the safetensors parser (refusals, a byte-flipping fuzz),
// config.json (published parameter counts), and tiny random checkpoints of the four architectures
// written here in HF layout: load, scoring against a naive fp64 reference forward written in this file
// (per head, K/V repeated, RoPE from std::cos/std::sin), KV cache, padding, checkpointing, export.
#include "hf_test_util.h"

#include <QtTest>

#include <cmath>
#include <random>

#include "model/hf/hf_config.h"
#include "model/hf/hf_model.h"
#include "model/hf/llama_family.h"
#include "model/hf/memory_estimate.h"
#include "model/hf/safetensors.h"
#include "model/policy.h"

using namespace gcpo::model;
using namespace gcpo::model::hf;
using hftest::TempDir;
using hftest::TinySpec;
namespace fs = std::filesystem;

namespace {

using Weights = std::map<std::string, torch::Tensor>;

template <typename Fn>
std::string errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
    return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

// RMSNorm over the last dim, in double.
torch::Tensor refRms(const torch::Tensor& x, const torch::Tensor& w, double eps) {
    return x / torch::sqrt(x.pow(2).mean(-1, true) + eps) * w;
}

// Rotary inverse frequencies in double, the Llama-3 remapping written out per frequency.
std::vector<double> refInvFreq(const TinySpec& s) {
    const int64_t D = hftest::headDimOf(s);
    std::vector<double> inv;
    for (int64_t i = 0; i < D / 2; ++i) {
        double f = 1.0 / std::pow(s.theta, 2.0 * static_cast<double>(i) / static_cast<double>(D));
        if (s.llama3Rope) {  // factor 8, low 1, high 4, original context 16 (configJson)
            const double wavelen = 2.0 * M_PI / f, lowWl = 16.0 / 1.0, highWl = 16.0 / 4.0;
            if (wavelen > lowWl) f = f / 8.0;
            else if (wavelen >= highWl) {
                const double smooth = (16.0 / wavelen - 1.0) / (4.0 - 1.0);
                f = (1.0 - smooth) * f / 8.0 + smooth * f;
            }
        }
        inv.push_back(f);
    }
    return inv;
}

// Rotates x (T, D) of positions 0..T-1 pairwise (i, i + D/2) by angle t * inv[i].
torch::Tensor refRope(const torch::Tensor& x, const std::vector<double>& inv) {
    auto out = x.clone();
    const int64_t T = x.size(0), half = x.size(1) / 2;
    auto a = x.accessor<double, 2>();
    auto o = out.accessor<double, 2>();
    for (int64_t t = 0; t < T; ++t)
        for (int64_t i = 0; i < half; ++i) {
            const double c = std::cos(t * inv[i]), s = std::sin(t * inv[i]);
            o[t][i] = a[t][i] * c - a[t][i + half] * s;
            o[t][i + half] = a[t][i + half] * c + a[t][i] * s;
        }
    return out;
}

// Naive fp64 forward of one unpadded sequence: logits (T, V). Every KV head is repeated for its
// query heads explicitly; attention is computed head by head with an explicit causal mask.
torch::Tensor refLogits(const TinySpec& s, const Weights& w, const std::vector<int64_t>& tokens) {
    const auto W = [&](const std::string& n) { return w.at(n).to(torch::kDouble); };
    const auto has = [&](const std::string& n) { return w.count(n) > 0; };
    const int64_t T = static_cast<int64_t>(tokens.size()), D = hftest::headDimOf(s), G = s.heads / s.kvHeads;
    const auto inv = refInvFreq(s);
    const auto ids = torch::tensor(tokens, torch::kLong);
    auto x = W("model.embed_tokens.weight").index_select(0, ids);  // (T, C)
    const auto causal = torch::ones({T, T}, torch::kBool).tril();
    for (int64_t l = 0; l < s.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        const auto h = refRms(x, W(p + "input_layernorm.weight"), s.eps);
        auto proj = [&](const std::string& n) {
            auto y = torch::matmul(h, W(p + n + ".weight").t());
            return has(p + n + ".bias") ? y + W(p + n + ".bias") : y;
        };
        const auto q = proj("self_attn.q_proj"), k = proj("self_attn.k_proj"), v = proj("self_attn.v_proj");
        std::vector<torch::Tensor> heads;
        for (int64_t hq = 0; hq < s.heads; ++hq) {
            const int64_t hk = hq / G;  // repeat-KV: query head hq reads KV head hq / G
            auto qh = q.narrow(1, hq * D, D), kh = k.narrow(1, hk * D, D), vh = v.narrow(1, hk * D, D);
            if (has(p + "self_attn.q_norm.weight")) {
                qh = refRms(qh, W(p + "self_attn.q_norm.weight"), s.eps);
                kh = refRms(kh, W(p + "self_attn.k_norm.weight"), s.eps);
            }
            qh = refRope(qh.contiguous(), inv);
            kh = refRope(kh.contiguous(), inv);
            auto sc = torch::matmul(qh, kh.t()) / std::sqrt(static_cast<double>(D));
            sc = sc.masked_fill(causal.logical_not(), -1e300);
            heads.push_back(torch::matmul(torch::softmax(sc, -1), vh));
        }
        auto o = torch::matmul(torch::cat(heads, 1), W(p + "self_attn.o_proj.weight").t());
        if (has(p + "self_attn.o_proj.bias")) o = o + W(p + "self_attn.o_proj.bias");
        x = x + o;
        const auto h2 = refRms(x, W(p + "post_attention_layernorm.weight"), s.eps);
        const auto g = torch::matmul(h2, W(p + "mlp.gate_proj.weight").t());
        const auto u = torch::matmul(h2, W(p + "mlp.up_proj.weight").t());
        x = x + torch::matmul(g * torch::sigmoid(g) * u, W(p + "mlp.down_proj.weight").t());
    }
    x = refRms(x, W("model.norm.weight"), s.eps);
    return torch::matmul(x, (s.tied ? W("model.embed_tokens.weight") : W("lm_head.weight")).t());  // (T, V)
}

Weights toMap(const std::vector<std::pair<std::string, torch::Tensor>>& w) {
    Weights m;
    for (const auto& [k, v] : w) m[k] = v;
    return m;
}

std::vector<TinySpec> architectures() {
    std::vector<TinySpec> out;
    TinySpec llama;
    llama.architecture = "LlamaForCausalLM";
    llama.llama3Rope = true;
    llama.attentionBias = true;
    llama.theta = 500000.0;
    out.push_back(llama);
    TinySpec mistral;
    mistral.architecture = "MistralForCausalLM";
    mistral.tied = true;
    mistral.kvHeads = 1;
    out.push_back(mistral);
    TinySpec qwen2;  // q/k/v biases, GQA 4/2
    qwen2.tied = true;
    out.push_back(qwen2);
    TinySpec qwen3;
    qwen3.architecture = "Qwen3ForCausalLM";
    qwen3.headDim = 12;  // != hidden / heads
    qwen3.theta = 1e6;
    out.push_back(qwen3);
    return out;
}

std::vector<uint8_t> fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// A safetensors image built by hand: header JSON and a data section of `dataBytes` bytes.
std::vector<uint8_t> image(const std::string& header, size_t dataBytes) {
    std::vector<uint8_t> out(8);
    for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<uint8_t>(header.size() >> (8 * i));
    out.insert(out.end(), header.begin(), header.end());
    out.resize(out.size() + dataBytes, 0);
    return out;
}

std::string parseError(const std::vector<uint8_t>& img) {
    return errorOf([&] { parseSafetensorsHeader(img.data(), img.size(), "x.safetensors"); });
}

}  // namespace

class TestHfModel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { torch::set_num_threads(1); }

    void safetensorsRoundTripAndRefusals() {
        TempDir tmp;
        const std::vector<float> a{1.f, -2.f, 3.5f, 0.25f, 7.f, 8.f};
        const std::vector<uint16_t> b{0x3f80, 0xc000};  // bf16 1, -2
        writeSafetensors(tmp.str("t.safetensors"), {{"a", StDtype::F32, {2, 3}, a.data()}, {"b", StDtype::BF16, {2}, b.data()}},
                         {{"format", "pt"}});
        SafetensorsFile f(tmp.str("t.safetensors"));
        QCOMPARE(f.header().tensors.size(), size_t(2));
        QCOMPARE(f.header().metadata.at("format"), std::string("pt"));
        const auto* ta = f.header().find("a");
        QVERIFY(ta && ta->shape == std::vector<int64_t>({2, 3}) && ta->dtype == StDtype::F32);
        QCOMPARE(std::memcmp(f.bytes(*ta), a.data(), 24), 0);
        QCOMPARE(std::memcmp(f.bytes(*f.header().find("b")), b.data(), 4), 0);
        QCOMPARE(f.header().dataOffset % 8, uint64_t(0));

        QVERIFY(parseError({1, 2, 3}).find("x.safetensors: truncated") == 0);
        QVERIFY(parseError(image("{}", 0)).empty());
        auto longHeader = image("{}", 0);
        longHeader[0] = 200;
        QVERIFY(parseError(longHeader).find("truncated") != std::string::npos);
        QVERIFY(parseError(image("{nope", 0)).find("not valid JSON") != std::string::npos);
        const std::string e1 = parseError(image(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4));
        QVERIFY2(e1.find("x.safetensors: tensor 'w'") == 0 && e1.find("beyond the data section") != std::string::npos,
                 e1.c_str());
        const std::string e2 = parseError(image(
            R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
            12));
        QVERIFY2(e2.find("tensor 'b'") != std::string::npos && e2.find("overlap tensor 'a'") != std::string::npos, e2.c_str());
        const std::string e3 = parseError(image(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8));
        QVERIFY2(e3.find("tensor 'w'") != std::string::npos && e3.find("needs 12") != std::string::npos, e3.c_str());
        const std::string e4 = parseError(image(R"({"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", 8));
        QVERIFY2(e4.find("tensor 'w'") != std::string::npos && e4.find("I64 is not supported") != std::string::npos, e4.c_str());
        QVERIFY(parseError(image(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}})", 0)).find("negative") !=
                std::string::npos);
        QVERIFY(parseError(image(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8)).find("before begin") !=
                std::string::npos);
        const std::string missing = errorOf([&] { SafetensorsFile g(tmp.str("absent.safetensors")); });
        QVERIFY2(missing.find("absent.safetensors: cannot open") != std::string::npos, missing.c_str());
    }

    // Byte-flipping and truncation of a valid file: the parser only ever throws SafetensorsError.
    void safetensorsFuzz() {
        TempDir tmp;
        const std::vector<float> a(12, 1.5f);
        writeSafetensors(tmp.str("t.safetensors"),
                         {{"layer.weight", StDtype::F32, {3, 4}, a.data()}, {"b", StDtype::F16, {4}, a.data()}});
        const auto good = fileBytes(tmp.str("t.safetensors"));
        std::mt19937 rng(7);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            auto img = good;
            if (i % 3 == 0) {
                img.resize(rng() % img.size());
            } else {
                for (int f = 0; f < 1 + i % 4; ++f) img[rng() % std::min<size_t>(img.size(), 120)] = static_cast<uint8_t>(rng());
            }
            try {
                parseSafetensorsHeader(img.data(), img.size(), "fuzz.safetensors");
            } catch (const SafetensorsError& e) {
                QVERIFY(std::string(e.what()).find("fuzz.safetensors: ") == 0);
                ++refused;
            }
        }
        QVERIFY(refused > 1000);  // truncations alone are a third of the cases
    }

    // The shipped config.json files of Qwen2.5-0.5B/1.5B/7B-Instruct: the parameter count against the
    // closed form written out here and against the published totals; a tiny checkpoint of each layout
    // against the sizes of the tensors actually in its safetensors files; the memory terms.
    void memoryEstimate() {
        const QString resources = qEnvironmentVariable("GCPO_RESOURCES");
        QVERIFY(!resources.isEmpty());
        struct Shipped {
            const char* dir;
            int64_t published;
        };
        for (const Shipped& m : {Shipped{"qwen2.5-0.5b-instruct", 494032768}, Shipped{"qwen2.5-1.5b-instruct", 1543714304},
                                 Shipped{"qwen2.5-7b-instruct", 7615616512}}) {
            const HfConfig c = loadHfConfig(resources.toStdString() + "/hf_configs/" + m.dir);
            const int64_t C = c.hiddenSize, L = c.layers, V = c.vocabSize, F = c.intermediateSize;
            const int64_t q = c.heads * (C / c.heads), kv = c.kvHeads * (C / c.heads);
            // embeddings (+ untied head) + L x (q,k,v with biases, o, gate/up/down, two norms) + final norm
            const int64_t closed =
                V * C * (c.tieWordEmbeddings ? 1 : 2) + L * ((C + 1) * q + 2 * (C + 1) * kv + q * C + 3 * C * F + 2 * C) + C;
            QCOMPARE(c.parameterCount(), closed);
            QCOMPARE(c.parameterCount(), m.published);
        }
        const HfConfig half = loadHfConfig(resources.toStdString() + "/hf_configs/qwen2.5-0.5b-instruct");
        QCOMPARE(half.hiddenSize, int64_t(896));
        QCOMPARE(half.kvHeads, int64_t(2));
        QVERIFY(half.tieWordEmbeddings);
        QCOMPARE(half.context(), int64_t(32768));  // use_sliding_window false: no cap

        const std::pair<const char*, bool> layouts[] = {
            {"Qwen2ForCausalLM", true}, {"Qwen3ForCausalLM", false}, {"LlamaForCausalLM", false}, {"MistralForCausalLM", true}};
        for (const auto& [arch, tied] : layouts) {
            TempDir tmp;
            TinySpec s;
            s.architecture = arch;
            s.tied = tied;
            hftest::writeFolder(tmp.str("m"), s, hftest::randomWeights(s, 5), "F32", tied ? 1 : 2);
            int64_t stored = 0;
            for (const auto& file : hfWeightFiles(tmp.str("m"))) {
                const SafetensorsFile weights(file);
                for (const auto& t : weights.header().tensors) stored += t.numel();
            }
            QCOMPARE(loadHfConfig(tmp.str("m")).parameterCount(), stored);
            QCOMPARE(loadHfModel(tmp.str("m"), torch::kCPU)->parameterCount(), stored);
        }

        const double n = static_cast<double>(half.parameterCount());
        MemoryOptions o;
        const MemoryEstimate fp32 = estimateTrainingMemory(half, o);
        QCOMPARE(fp32.states(), 20.0 * n);  // weights 4 + gradients 4 + AdamW 8 + reference 4 bytes/param
        o.precision = TrainPrecision::Bf16;
        const MemoryEstimate bf16 = estimateTrainingMemory(half, o);
        QCOMPARE(bf16.states(), 20.0 * n);  // master 4 + bf16 casts 2 + gradients 4 + AdamW 8 + bf16 reference 2
        QVERIFY(bf16.activations < fp32.activations);
        o.withReference = false;
        QCOMPARE(estimateTrainingMemory(half, o).states(), 18.0 * n);
        // Activations: proportional to the batch; per token the attention term grows with T.
        o.batch = 16;
        QCOMPARE(estimateTrainingMemory(half, o).activations, 2.0 * bf16.activations);
        const ActivationTerms t = activationTerms(half, o);
        QCOMPARE(t.attention, 14.0 * 1024 * 6);  // H x T x (fp32 softmax + its bf16 cast)
        QCOMPARE(t.kept, 24 * t.perLayer + t.logits);
        o.gradientCheckpointing = true;
        QCOMPARE(activationTerms(half, o).kept, 24 * 2.0 * 896 + t.perLayer + t.logits);
        // With checkpointing the bf16 casts of one layer and the (tied) head are held, not all of them.
        const double layer = (n - 151936.0 * 896 - 896) / 24;
        QCOMPARE(estimateTrainingMemory(half, o).computeWeights, 2.0 * (layer + 151936.0 * 896));
        QVERIFY_THROWS_EXCEPTION(HfConfigError, trainPrecisionFromString("fp8"));
    }

    void configAndPublishedParameterCounts() {
        // Published totals of Qwen2.5-0.5B (tied) and Qwen2.5-7B (untied), from their model cards.
        QCOMPARE(hfConfigPreset("qwen2", "0.5b").parameterCount(), int64_t(494032768));
        QCOMPARE(hfConfigPreset("qwen2", "7b").parameterCount(), int64_t(7615616512));

        auto j = hftest::configJson(TinySpec());
        j["architectures"] = {"GPT2LMHeadModel"};
        const std::string e = errorOf([&] { hfConfigFromJson(j, "m/config.json"); });
        QVERIFY2(e.find("m/config.json: architectures: 'GPT2LMHeadModel' is not supported") == 0, e.c_str());
        j = hftest::configJson(TinySpec());
        j["num_key_value_heads"] = 3;
        QVERIFY(errorOf([&] { hfConfigFromJson(j); }).find("num_key_value_heads") != std::string::npos);
        j = hftest::configJson(TinySpec());
        j.erase("hidden_size");
        QVERIFY(errorOf([&] { hfConfigFromJson(j); }).find("hidden_size: missing") != std::string::npos);
        j = hftest::configJson(TinySpec());
        j["hidden_act"] = "gelu";
        QVERIFY(errorOf([&] { hfConfigFromJson(j); }).find("hidden_act") != std::string::npos);
        // A config written by hfConfigToJson reads back the same.
        for (const auto& [arch, size] :
             std::vector<std::pair<std::string, std::string>>{{"llama", "1b"}, {"qwen3", "0.6b"}, {"mistral", "7b"}}) {
            const HfConfig c = hfConfigPreset(arch, size);
            const HfConfig r = hfConfigFromJson(hfConfigToJson(c));
            QCOMPARE(r.parameterCount(), c.parameterCount());
            QCOMPARE(r.ropeLlama3, c.ropeLlama3);
            QCOMPARE(r.headDim, c.headDim);
            QCOMPARE(r.context(), c.context());
        }
        QCOMPARE(hfConfigPreset("mistral", "7b").context(), int64_t(4096));  // the sliding window caps it
    }

    // Registered names and shapes are the HF tensor names (checkpoint keys: pinned).
    void registeredNamesAreHfNames() {
        for (const TinySpec& s : architectures()) {
            LlamaFamily m(hfConfigFromJson(hftest::configJson(s)));
            const auto expected = m->expectedTensors();
            const auto params = m->named_parameters();
            QCOMPARE(params.size(), expected.size());
            const auto written = hftest::randomWeights(s, 1);
            QCOMPARE(written.size(), expected.size());
            std::map<std::string, std::vector<int64_t>> byName;
            for (const auto& [n, shape] : expected) byName[n] = shape;
            for (const auto& p : params) {
                QVERIFY2(byName.count(p.key()), p.key().c_str());
                QVERIFY(byName[p.key()] == p.value().sizes().vec());
            }
            for (const auto& [n, t] : written) QVERIFY2(byName.count(n) && byName[n] == t.sizes().vec(), n.c_str());
            QCOMPARE(m->parameterCount(), m->config().parameterCount());
        }
    }

    // Every architecture (tied and untied, GQA, head_dim, biases, q/k norm, llama3 RoPE) scores like the
    // naive reference, from fp32 single files, bf16 files and sharded folders.
    void scoringMatchesNaiveReference() {
        int variant = 0;
        for (TinySpec s : architectures()) {
            for (int untie = 0; untie < 2; ++untie) {
                if (untie) s.tied = !s.tied;
                TempDir tmp;
                const auto w = hftest::randomWeights(s, 11 + variant);
                const std::string dtype = variant % 3 == 1 ? "BF16" : "F32";
                const int shards = variant % 2 == 1 ? 3 : 1;
                hftest::writeFolder(tmp.str("m"), s, w, dtype, shards);
                ++variant;
                LlamaFamily m = loadHfModel(tmp.str("m"), torch::kCPU, torch::kFloat);
                Weights ref = toMap(w);
                if (dtype == "BF16")
                    for (auto& [k, v] : ref) v = v.to(torch::kBFloat16).to(torch::kFloat);  // what the file holds
                const std::vector<int64_t> seq{5, 17, 3, 60, 22, 9, 41, 12, 33, 8, 1, 50};
                const auto expected = torch::log_softmax(refLogits(s, ref, seq), -1);  // (T, V)
                const auto scores = scoreTokens(*m, torch::tensor(seq, torch::kLong).unsqueeze(0));
                double worst = 0;
                for (size_t t = 1; t < seq.size(); ++t)
                    worst = std::max(worst, std::abs(scores.logprobs[0][static_cast<int64_t>(t)].item<double>() -
                                                     expected[static_cast<int64_t>(t) - 1][seq[t]].item<double>()));
                QVERIFY2(
                    worst < 2e-4,
                    (s.architecture + " tied=" + std::to_string(s.tied) + " " + dtype + ": " + std::to_string(worst)).c_str());
                QCOMPARE(scores.logprobs[0][0].item<double>(), 0.0);
            }
        }
    }

    // KV-cache decoding (prompt chunk, then one token at a time) equals the full forward, with left
    // padding, and a padded row equals the same row unpadded.
    void kvCacheAndPaddingMatchFullForward() {
        for (const TinySpec& s : architectures()) {
            LlamaFamily m(hfConfigFromJson(hftest::configJson(s)));
            {
                torch::NoGradGuard g;
                for (auto& p : m->parameters()) p.normal_(0.0, 0.3);
            }
            m->eval();
            torch::NoGradGuard g;
            torch::manual_seed(3);
            const auto tokens = torch::randint(0, s.vocab, {3, 14}, torch::kLong);  // (B, T)
            auto valid = torch::ones({3, 14}, torch::kBool);
            valid[1].narrow(0, 0, 4).fill_(false);  // left padding
            valid[2].narrow(0, 0, 1).fill_(false);
            const auto full = m->forward(tokens, valid);
            KVCache cache = m->makeCache(3, 14);
            QCOMPARE(cache.keys[0].size(1), s.kvHeads);  // cache sized per KV head
            const auto first = m->forwardCached(tokens.narrow(1, 0, 6), valid.narrow(1, 0, 6), cache);
            // Padded queries see only themselves in both paths, so every position agrees.
            double worst = maxAbsDiff(first.logits, full.logits.narrow(1, 0, 6));
            for (int64_t t = 6; t < 14; ++t) {
                const auto step = m->forwardCached(tokens.narrow(1, t, 1), valid.narrow(1, t, 1), cache);
                worst = std::max(worst, maxAbsDiff(step.logits, full.logits.narrow(1, t, 1)));
                worst = std::max(worst, maxAbsDiff(step.hidden, full.hidden.narrow(1, t, 1)));
            }
            QVERIFY2(worst < 1e-4, (s.architecture + ": " + std::to_string(worst)).c_str());
            const auto alone = m->forward(tokens[1].narrow(0, 4, 10).unsqueeze(0));
            QVERIFY(maxAbsDiff(alone.logits[0], full.logits[1].narrow(0, 4, 10)) < 1e-4);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->forwardCached(tokens, valid, cache));  // full
        }
    }

    // Grouped-query attention equals the same model with K/V heads repeated into full multi-head attention.
    void gqaEqualsRepeatedKv() {
        TinySpec s;  // Qwen2, 4 query heads over 2 KV heads
        const auto w = hftest::randomWeights(s, 5);
        TinySpec full = s;
        full.kvHeads = s.heads;
        auto wFull = w;
        const int64_t D = hftest::headDimOf(s), G = s.heads / s.kvHeads;
        for (auto& [name, t] : wFull)
            if (name.find("k_proj") != std::string::npos || name.find("v_proj") != std::string::npos)
                t = t.view({s.kvHeads, D, -1}).repeat_interleave(G, 0).reshape({s.heads * D, -1}).squeeze(-1);
        TempDir tmp;
        hftest::writeFolder(tmp.str("gqa"), s, w);
        hftest::writeFolder(tmp.str("mha"), full, wFull);
        LlamaFamily a = loadHfModel(tmp.str("gqa"), torch::kCPU), b = loadHfModel(tmp.str("mha"), torch::kCPU);
        QCOMPARE(b->config().kvHeads, s.heads);
        torch::NoGradGuard g;
        const auto tokens = torch::randint(0, s.vocab, {2, 10}, torch::kLong);
        QVERIFY(maxAbsDiff(a->forward(tokens).logits, b->forward(tokens).logits) < 1e-5);
    }

    void ropeFrequenciesMatchDirectFormula() {
        for (const TinySpec& s : architectures()) {
            const auto inv = ropeInverseFrequencies(hfConfigFromJson(hftest::configJson(s)));
            const auto expected = refInvFreq(s);
            QCOMPARE(inv.size(0), static_cast<int64_t>(expected.size()));
            for (size_t i = 0; i < expected.size(); ++i)
                QVERIFY(std::abs(inv[static_cast<int64_t>(i)].item<double>() / expected[i] - 1.0) < 1e-6);
        }
    }

    void gradientCheckpointingGivesTheSameGradients() {
        TinySpec s;
        s.architecture = "Qwen3ForCausalLM";
        LlamaFamily m(hfConfigFromJson(hftest::configJson(s)));
        m->train();
        const auto tokens = torch::randint(0, s.vocab, {2, 9}, torch::kLong);
        auto gradsOf = [&](bool ckpt) {
            m->setGradientCheckpointing(ckpt);
            m->zero_grad();
            scoreTokens(*m, tokens).logprobs.sum().backward();
            std::vector<torch::Tensor> g;
            for (auto& p : m->parameters()) g.push_back(p.grad().clone());
            return g;
        };
        const auto plain = gradsOf(false), ckpt = gradsOf(true);
        QCOMPARE(plain.size(), ckpt.size());
        for (size_t i = 0; i < plain.size(); ++i) QVERIFY(maxAbsDiff(plain[i], ckpt[i]) < 1e-6);
        QVERIFY(plain[3].abs().sum().item<double>() > 0);
    }

    void hiddenLayerBf16ComputeAndClone() {
        TinySpec s;
        LlamaFamily m(hfConfigFromJson(hftest::configJson(s)));
        torch::NoGradGuard g;
        const auto tokens = torch::randint(0, s.vocab, {2, 7}, torch::kLong);
        m->setHiddenLayer(0);
        QVERIFY(torch::equal(m->forward(tokens).hidden, m->model->named_parameters()["embed_tokens.weight"].index({tokens})));
        m->setHiddenLayer(-1);
        const auto fp32 = m->forward(tokens);
        QCOMPARE(fp32.hidden.size(2), s.hidden);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->setHiddenLayer(3));
        auto copy = std::dynamic_pointer_cast<LlamaFamilyImpl>(m->clonePolicy(torch::kCPU));
        copy->setComputeDtype(torch::kBFloat16);  // fp32 master weights, bf16 arithmetic
        const auto bf = copy->forward(tokens);
        QCOMPARE(bf.logits.scalar_type(), torch::kFloat);
        QVERIFY(maxAbsDiff(bf.logits, fp32.logits) < 0.1);
        QVERIFY(maxAbsDiff(bf.logits, fp32.logits) > 0);
        for (auto& p : copy->parameters()) p.add_(1.0);  // a deep copy: the original is untouched
        QVERIFY(torch::equal(m->forward(tokens).logits, fp32.logits));
    }

    void exportReloadIsBitIdentical() {
        for (const TinySpec& s : architectures()) {
            TempDir tmp;
            hftest::writeFolder(tmp.str("src"), s, hftest::randomWeights(s, 21));
            std::ofstream(tmp.path / "src" / "tokenizer.json") << "{\"model\":{}}";
            LlamaFamily m = loadHfModel(tmp.str("src"), torch::kCPU);
            HfSaveOptions o;
            o.dtype = torch::kFloat;
            o.copyTokenizerFrom = tmp.str("src");
            o.maxShardBytes = 20000;  // forces shards
            saveHfModel(tmp.str("out"), *m, o);
            QVERIFY(fs::exists(tmp.path / "out" / "model.safetensors.index.json"));
            QVERIFY(fs::exists(tmp.path / "out" / "tokenizer.json"));
            LlamaFamily r = loadHfModel(tmp.str("out"), torch::kCPU);
            auto pr = r->named_parameters();
            for (const auto& p : m->named_parameters()) QVERIFY2(torch::equal(p.value(), pr[p.key()]), p.key().c_str());
            QVERIFY(errorOf([&] { saveHfModel(tmp.str("out"), *m, o); }).find("refusing to overwrite") != std::string::npos);
            // bf16 export of a bf16 model reloads bit-identically too.
            LlamaFamily b = loadHfModel(tmp.str("src"), torch::kCPU, torch::kBFloat16);
            HfSaveOptions ob;
            saveHfModel(tmp.str("outb"), *b, ob);
            LlamaFamily rb = loadHfModel(tmp.str("outb"), torch::kCPU, torch::kBFloat16);
            auto prb = rb->named_parameters();
            for (const auto& p : b->named_parameters()) QVERIFY(torch::equal(p.value(), prb[p.key()]));
            QCOMPARE(hftest::configJson(s).dump(), [&] {
                auto j = nlohmann::json::parse(std::ifstream(tmp.path / "out" / "config.json"));
                return j.dump();
            }());
        }
    }

    // Damaged folders are refused naming the file and the tensor.
    void damagedFoldersAreRefused() {
        TinySpec s;
        const auto w = hftest::randomWeights(s, 2);
        TempDir tmp;
        auto errorFor = [&](const std::string& name, const std::vector<std::pair<std::string, torch::Tensor>>& weights,
                            int shards = 1) {
            hftest::writeFolder(tmp.str(name), s, weights, "F32", shards);
            return errorOf([&] { loadHfModel(tmp.str(name), torch::kCPU); });
        };
        auto missing = w;
        missing.erase(missing.begin() + 3);
        std::string e = errorFor("missing", missing);
        QVERIFY2(e.find("tensor '" + w[3].first + "' missing") != std::string::npos, e.c_str());
        auto extra = w;
        extra.push_back({"model.layers.9.mlp.up_proj.weight", torch::zeros({2, 2})});
        e = errorFor("extra", extra);
        QVERIFY2(e.find("model.safetensors: tensor 'model.layers.9.mlp.up_proj.weight' is not a parameter") != std::string::npos,
                 e.c_str());
        auto misshaped = w;
        misshaped[1].second = torch::zeros({5, 32});
        e = errorFor("misshaped", misshaped);
        QVERIFY2(e.find("tensor '" + w[1].first + "' has shape [5, 32]") != std::string::npos, e.c_str());
        e = errorFor("sharded", w, 2);
        QVERIFY(e.empty());
        fs::remove(tmp.path / "sharded" / "model-00002-of-00002.safetensors");
        e = errorOf([&] { loadHfModel(tmp.str("sharded"), torch::kCPU); });
        QVERIFY2(e.find("model-00002-of-00002.safetensors: missing") != std::string::npos, e.c_str());
        errorFor("truncated", w);
        const auto file = tmp.path / "truncated" / "model.safetensors";
        fs::resize_file(file, fs::file_size(file) - 10);
        e = errorOf([&] { loadHfModel(tmp.str("truncated"), torch::kCPU); });
        QVERIFY2(e.find("model.safetensors: tensor '") != std::string::npos && e.find("truncated") != std::string::npos,
                 e.c_str());
        errorFor("noweights", w);
        fs::remove(tmp.path / "noweights" / "model.safetensors");
        QVERIFY(errorOf([&] { loadHfModel(tmp.str("noweights"), torch::kCPU); }).find("no model.safetensors") !=
                std::string::npos);
        fs::remove(tmp.path / "noweights" / "config.json");
        QVERIFY(errorOf([&] { loadHfModel(tmp.str("noweights"), torch::kCPU); }).find("config.json: missing") !=
                std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadHfModel(tmp.str("missing"), torch::kCPU));  // exit 2 in the CLI
    }
};

QTEST_GUILESS_MAIN(TestHfModel)
#include "test_hf_model.moc"
