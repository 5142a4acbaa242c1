// The Llama-family decoder (Llama, Mistral, Qwen2, Qwen3): RMSNorm, RoPE (+ Llama-3 scaling), grouped-
// query attention without repeating K/V, SwiGLU MLP, optional per-layer gradient checkpointing.
//
// Legend: B = batch, T = tokens in this call, K = keys attended, C = hidden size, H = query heads,
// Hkv = KV heads, G = H / Hkv, D = head_dim, F = intermediate size, V = vocabulary.
#include "model/hf/llama_family.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "model/transformer.h"  // blasLinear

namespace gcpo::model::hf {

namespace {

namespace F = torch::nn::functional;

// The built-in model's linear (single-threaded BLAS calls on blocks of rows on the CPU in fp32,
// torch's linear elsewhere).
torch::Tensor linear(const torch::nn::Linear& l, const torch::Tensor& x, torch::ScalarType t) {
    return blasLinear(x, l->weight.to(t), l->bias.defined() ? l->bias.to(t) : torch::Tensor());
}

struct RmsNormImpl : torch::nn::Cloneable<RmsNormImpl> {
    RmsNormImpl(int64_t n, double eps) : n(n), eps(eps) { reset(); }
    void reset() override { weight = register_parameter("weight", torch::ones({n})); }  // (n)
    // Statistics in fp32; the normalised value is cast back before the weight multiplies it.
    torch::Tensor forward(const torch::Tensor& x, torch::ScalarType t) {
        auto h = x.to(torch::kFloat);
        h = h * torch::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps);
        return weight.to(t) * h.to(t);
    }
    int64_t n;
    double eps;
    torch::Tensor weight;
};
TORCH_MODULE(RmsNorm);

struct AttentionImpl : torch::nn::Cloneable<AttentionImpl> {
    explicit AttentionImpl(const HfConfig& c) : c(c) { reset(); }
    void reset() override {
        const int64_t q = c.heads * c.headDim, kv = c.kvHeads * c.headDim;
        qProj = register_module("q_proj", torch::nn::Linear(torch::nn::LinearOptions(c.hiddenSize, q).bias(c.qkvBias)));
        kProj = register_module("k_proj", torch::nn::Linear(torch::nn::LinearOptions(c.hiddenSize, kv).bias(c.qkvBias)));
        vProj = register_module("v_proj", torch::nn::Linear(torch::nn::LinearOptions(c.hiddenSize, kv).bias(c.qkvBias)));
        oProj = register_module("o_proj", torch::nn::Linear(torch::nn::LinearOptions(q, c.hiddenSize).bias(c.oBias)));
        if (c.qkNorm) {
            qNorm = register_module("q_norm", RmsNorm(c.headDim, c.rmsNormEps));
            kNorm = register_module("k_norm", RmsNorm(c.headDim, c.rmsNormEps));
        }
    }
    HfConfig c;
    torch::nn::Linear qProj{nullptr}, kProj{nullptr}, vProj{nullptr}, oProj{nullptr};
    RmsNorm qNorm{nullptr}, kNorm{nullptr};
};
TORCH_MODULE(Attention);

struct MlpImpl : torch::nn::Cloneable<MlpImpl> {
    explicit MlpImpl(const HfConfig& c) : c(c) { reset(); }
    void reset() override {
        const auto o = [&](int64_t i, int64_t n) { return torch::nn::LinearOptions(i, n).bias(c.mlpBias); };
        gateProj = register_module("gate_proj", torch::nn::Linear(o(c.hiddenSize, c.intermediateSize)));
        upProj = register_module("up_proj", torch::nn::Linear(o(c.hiddenSize, c.intermediateSize)));
        downProj = register_module("down_proj", torch::nn::Linear(o(c.intermediateSize, c.hiddenSize)));
    }
    torch::Tensor forward(const torch::Tensor& x, torch::ScalarType t) {  // (B, T, C) -> (B, T, C)
        return linear(downProj, torch::silu(linear(gateProj, x, t)) * linear(upProj, x, t), t);
    }
    HfConfig c;
    torch::nn::Linear gateProj{nullptr}, upProj{nullptr}, downProj{nullptr};
};
TORCH_MODULE(Mlp);

struct DecoderLayerImpl : torch::nn::Cloneable<DecoderLayerImpl> {
    explicit DecoderLayerImpl(const HfConfig& c) : c(c) { reset(); }
    void reset() override {
        selfAttn = register_module("self_attn", Attention(c));
        mlp = register_module("mlp", Mlp(c));
        inputNorm = register_module("input_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
        postNorm = register_module("post_attention_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
    }
    HfConfig c;
    Attention selfAttn{nullptr};
    Mlp mlp{nullptr};
    RmsNorm inputNorm{nullptr}, postNorm{nullptr};
};
TORCH_MODULE(DecoderLayer);

struct InnerModelImpl : torch::nn::Cloneable<InnerModelImpl> {
    explicit InnerModelImpl(const HfConfig& c) : c(c) { reset(); }
    void reset() override {
        embedTokens = register_module("embed_tokens", torch::nn::Embedding(c.vocabSize, c.hiddenSize));
        layers = register_module("layers", torch::nn::ModuleList());
        for (int64_t i = 0; i < c.layers; ++i) layers->push_back(DecoderLayer(c));
        norm = register_module("norm", RmsNorm(c.hiddenSize, c.rmsNormEps));
    }
    HfConfig c;
    torch::nn::Embedding embedTokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    RmsNorm norm{nullptr};
};

InnerModelImpl& inner(const std::shared_ptr<torch::nn::Module>& m) { return dynamic_cast<InnerModelImpl&>(*m); }

// "Rotate half" RoPE as transformers applies it: x (B, heads, T, D), cos/sin (B, 1, T, D).
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    const auto rotated = torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);  // (B, heads, T, D)
    return x * cos + rotated * sin;
}

// Per-layer activation checkpointing: the forward runs without a graph; the backward recomputes the
// layer with one and differentiates it. The layer's trainable parameters are inputs, so their
// gradients flow through this node.
struct CheckpointedLayer : torch::autograd::Function<CheckpointedLayer> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor x, torch::Tensor cos, torch::Tensor sin,
                                 torch::Tensor allowed, torch::TensorList params, LlamaFamilyImpl* self, int64_t layer) {
        ctx->saved_data["self"] = reinterpret_cast<int64_t>(self);
        ctx->saved_data["layer"] = layer;
        ctx->save_for_backward({x, cos, sin, allowed});
        return self->layerForward(static_cast<size_t>(layer), x, cos, sin, allowed, nullptr);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOut) {
        auto* self = reinterpret_cast<LlamaFamilyImpl*>(ctx->saved_data["self"].toInt());
        const int64_t layer = ctx->saved_data["layer"].toInt();
        const auto saved = ctx->get_saved_variables();
        std::vector<torch::Tensor> inputs{saved[0].detach().requires_grad_(true)};
        for (auto& p : inner(self->model).layers[static_cast<size_t>(layer)]->parameters())
            if (p.requires_grad()) inputs.push_back(p);
        torch::Tensor out;
        {
            torch::AutoGradMode on(true);
            out = self->layerForward(static_cast<size_t>(layer), inputs[0], saved[1], saved[2], saved[3], nullptr);
        }
        const auto grads = torch::autograd::grad({out}, inputs, {gradOut[0]}, /*retain_graph=*/false, /*create_graph=*/false,
                                                 /*allow_unused=*/true);
        torch::autograd::variable_list result{grads[0], {}, {}, {}};  // x, cos, sin, allowed
        for (size_t i = 1; i < grads.size(); ++i) result.push_back(grads[i]);
        result.push_back({});  // self
        result.push_back({});  // layer
        return result;
    }
};

}  // namespace

torch::Tensor ropeInverseFrequencies(const HfConfig& c) {
    // fp32, as transformers computes it: 1 / theta^(2i / D).
    const auto exponent =
        torch::arange(0, c.headDim, 2, torch::kLong).to(torch::kFloat) / static_cast<double>(c.headDim);  // (D/2)
    auto inv = 1.0 / torch::pow(c.ropeTheta, exponent);                                                   // (D/2)
    if (!c.ropeLlama3) return inv;
    const double oldContext = static_cast<double>(c.ropeOriginalMaxPositions);
    const double lowWavelen = oldContext / c.ropeLowFreqFactor, highWavelen = oldContext / c.ropeHighFreqFactor;
    const auto wavelen = 2.0 * std::acos(-1.0) / inv;                           // (D/2)
    auto scaled = torch::where(wavelen > lowWavelen, inv / c.ropeFactor, inv);  // (D/2) long waves slowed down
    const auto smooth = (oldContext / wavelen - c.ropeLowFreqFactor) / (c.ropeHighFreqFactor - c.ropeLowFreqFactor);  // (D/2)
    const auto smoothed = (1.0 - smooth) * scaled / c.ropeFactor + smooth * scaled;                                   // (D/2)
    const auto medium = (wavelen >= highWavelen) & (wavelen <= lowWavelen);                                           // (D/2)
    return torch::where(medium, smoothed, scaled);
}

LlamaFamilyImpl::LlamaFamilyImpl(const HfConfig& config) : m_config(config) {
    reset();
    torch::NoGradGuard noGrad;
    for (auto& p : named_parameters()) {
        const std::string& name = p.key();
        if (name.find("norm") != std::string::npos) p.value().fill_(1.0);
        else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0) p.value().zero_();
        else p.value().normal_(0.0, 0.02);
    }
}

void LlamaFamilyImpl::reset() {
    model = register_module("model", std::make_shared<InnerModelImpl>(m_config));
    lmHead = nullptr;
    if (!m_config.tieWordEmbeddings)
        lmHead = register_module(
            "lm_head", torch::nn::Linear(torch::nn::LinearOptions(m_config.hiddenSize, m_config.vocabSize).bias(false)));
}

torch::Device LlamaFamilyImpl::device() const { return inner(model).embedTokens->weight.device(); }

int64_t LlamaFamilyImpl::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

std::shared_ptr<Policy> LlamaFamilyImpl::clonePolicy(const torch::Device& device) const {
    return std::dynamic_pointer_cast<LlamaFamilyImpl>(clone(device));
}

void LlamaFamilyImpl::setHiddenLayer(int64_t layer) {
    if (layer < -1 || layer > m_config.layers)
        throw std::invalid_argument("model.embedding_layer: " + std::to_string(layer) + " is outside -1.." +
                                    std::to_string(m_config.layers));
    m_hiddenLayer = layer < 0 ? m_config.layers : layer;
}

std::vector<std::pair<std::string, std::vector<int64_t>>> LlamaFamilyImpl::expectedTensors() const {
    const auto& c = m_config;
    const int64_t C = c.hiddenSize, q = c.heads * c.headDim, kv = c.kvHeads * c.headDim, Fi = c.intermediateSize;
    std::vector<std::pair<std::string, std::vector<int64_t>>> out{{"model.embed_tokens.weight", {c.vocabSize, C}}};
    for (int64_t i = 0; i < c.layers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        out.push_back({p + "self_attn.q_proj.weight", {q, C}});
        if (c.qkvBias) out.push_back({p + "self_attn.q_proj.bias", {q}});
        out.push_back({p + "self_attn.k_proj.weight", {kv, C}});
        if (c.qkvBias) out.push_back({p + "self_attn.k_proj.bias", {kv}});
        out.push_back({p + "self_attn.v_proj.weight", {kv, C}});
        if (c.qkvBias) out.push_back({p + "self_attn.v_proj.bias", {kv}});
        out.push_back({p + "self_attn.o_proj.weight", {C, q}});
        if (c.oBias) out.push_back({p + "self_attn.o_proj.bias", {C}});
        if (c.qkNorm) {
            out.push_back({p + "self_attn.q_norm.weight", {c.headDim}});
            out.push_back({p + "self_attn.k_norm.weight", {c.headDim}});
        }
        out.push_back({p + "mlp.gate_proj.weight", {Fi, C}});
        if (c.mlpBias) out.push_back({p + "mlp.gate_proj.bias", {Fi}});
        out.push_back({p + "mlp.up_proj.weight", {Fi, C}});
        if (c.mlpBias) out.push_back({p + "mlp.up_proj.bias", {Fi}});
        out.push_back({p + "mlp.down_proj.weight", {C, Fi}});
        if (c.mlpBias) out.push_back({p + "mlp.down_proj.bias", {C}});
        out.push_back({p + "input_layernorm.weight", {C}});
        out.push_back({p + "post_attention_layernorm.weight", {C}});
    }
    out.push_back({"model.norm.weight", {C}});
    if (!c.tieWordEmbeddings) out.push_back({"lm_head.weight", {c.vocabSize, C}});
    return out;
}

KVCache LlamaFamilyImpl::makeCache(int64_t batch, int64_t capacity) const {
    if (capacity < 1 || capacity > m_config.context())
        throw std::invalid_argument("hf model: KV cache of " + std::to_string(capacity) + " slots, the context is " +
                                    std::to_string(m_config.context()));
    const auto opts = inner(model).embedTokens->weight.options().dtype(m_compute);
    KVCache cache;
    for (int64_t l = 0; l < m_config.layers; ++l) {
        cache.keys.push_back(torch::zeros({batch, m_config.kvHeads, capacity, m_config.headDim}, opts));    // (B, Hkv, S, D)
        cache.values.push_back(torch::zeros({batch, m_config.kvHeads, capacity, m_config.headDim}, opts));  // (B, Hkv, S, D)
    }
    cache.keyValid = torch::zeros({batch, capacity}, opts.dtype(torch::kBool));  // (B, S)
    cache.nextPosition = torch::zeros({batch}, opts.dtype(torch::kLong));        // (B)
    return cache;
}

ForwardOutput LlamaFamilyImpl::forward(const torch::Tensor& tokens, const torch::Tensor& validIn) {
    const auto in = sequenceInputs(tokens, validIn, m_config.context(), "hf model");
    return run(tokens, in.positions, in.allowed, nullptr);
}

ForwardOutput LlamaFamilyImpl::forwardCached(const torch::Tensor& tokens, const torch::Tensor& validIn, KVCache& cache) {
    const auto in = cachedInputs(tokens, validIn, cache, "hf model");
    auto out = run(tokens, in.positions, in.allowed, &cache);
    advanceCache(cache, in);
    return out;
}

torch::Tensor LlamaFamilyImpl::layerForward(size_t layer, const torch::Tensor& x, const torch::Tensor& cos,
                                            const torch::Tensor& sin, const torch::Tensor& allowed, KVCache* cache) {
    auto& L = *inner(model).layers[layer]->as<DecoderLayerImpl>();
    auto& A = *L.selfAttn;
    const auto& c = m_config;
    const auto t = m_compute;
    const int64_t B = x.size(0), T = x.size(1), H = c.heads, Hkv = c.kvHeads, D = c.headDim, G = H / Hkv;
    const auto h = L.inputNorm->forward(x, t);            // (B, T, C)
    auto q = linear(A.qProj, h, t).view({B, T, H, D});    // (B, T, H, D)
    auto k = linear(A.kProj, h, t).view({B, T, Hkv, D});  // (B, T, Hkv, D)
    auto v = linear(A.vProj, h, t).view({B, T, Hkv, D});  // (B, T, Hkv, D)
    if (c.qkNorm) {
        q = A.qNorm->forward(q, t);
        k = A.kNorm->forward(k, t);
    }
    q = applyRope(q.transpose(1, 2), cos, sin);  // (B, H, T, D)
    k = applyRope(k.transpose(1, 2), cos, sin);  // (B, Hkv, T, D)
    v = v.transpose(1, 2);                       // (B, Hkv, T, D)
    if (cache) {
        const int64_t len = cache->length;
        cache->keys[layer].narrow(2, len, T).copy_(k);
        cache->values[layer].narrow(2, len, T).copy_(v);
        k = cache->keys[layer].narrow(2, 0, len + T);    // (B, Hkv, K, D)
        v = cache->values[layer].narrow(2, 0, len + T);  // (B, Hkv, K, D)
    }
    // Grouped queries: the G query heads of a KV head attend to its keys without copying them.
    const auto qg = q.reshape({B, Hkv, G, T, D});  // (B, Hkv, G, T, D)
    auto scores =
        torch::matmul(qg, k.unsqueeze(2).transpose(-2, -1)) * (1.0 / std::sqrt(static_cast<double>(D)));  // (B, Hkv, G, T, K)
    scores = scores.masked_fill(allowed.unsqueeze(1).logical_not(), -std::numeric_limits<double>::infinity());
    const auto probs = torch::softmax(scores.to(torch::kFloat), -1).to(t);  // (B, Hkv, G, T, K)
    const auto y =
        torch::matmul(probs, v.unsqueeze(2)).reshape({B, H, T, D}).transpose(1, 2).reshape({B, T, H * D});  // (B, T, H*D)
    const auto afterAttn = x + linear(A.oProj, y, t);                                                       // (B, T, C)
    return afterAttn + L.mlp->forward(L.postNorm->forward(afterAttn, t), t);                                // (B, T, C)
}

ForwardOutput LlamaFamilyImpl::run(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& allowed,
                                   KVCache* cache) {
    auto& m = inner(model);
    const auto t = m_compute;
    auto x = F::embedding(tokens, m.embedTokens->weight).to(t);              // (B, T, C)
    const auto invFreq = ropeInverseFrequencies(m_config).to(x.device());    // (D/2) fp32
    const auto freqs = positions.to(torch::kFloat).unsqueeze(-1) * invFreq;  // (B, T, D/2)
    const auto angle = torch::cat({freqs, freqs}, -1).unsqueeze(1);          // (B, 1, T, D)
    const auto cos = angle.cos().to(t), sin = angle.sin().to(t);             // (B, 1, T, D)
    const bool checkpoint = m_checkpointing && !cache && torch::GradMode::is_enabled();
    const int64_t wanted = m_hiddenLayer < 0 ? m_config.layers : m_hiddenLayer;
    torch::Tensor hidden = wanted == 0 ? x : torch::Tensor();
    for (size_t l = 0; l < m.layers->size(); ++l) {
        if (checkpoint) {
            std::vector<torch::Tensor> params;
            for (auto& p : m.layers[l]->parameters())
                if (p.requires_grad()) params.push_back(p);
            x = CheckpointedLayer::apply(x, cos, sin, allowed, torch::TensorList(params), this, static_cast<int64_t>(l));
        } else {
            x = layerForward(l, x, cos, sin, allowed, cache);  // (B, T, C)
        }
        if (static_cast<int64_t>(l) + 1 == wanted && wanted < m_config.layers) hidden = x;
    }
    const auto normed = m.norm->forward(x, t);  // (B, T, C)
    if (wanted == m_config.layers) hidden = normed;
    const auto& head = m_config.tieWordEmbeddings ? m.embedTokens->weight : lmHead->weight;
    auto logits = blasLinear(normed, head.to(t), {}).to(torch::kFloat);  // (B, T, V)
    return {logits, hidden};
}

}  // namespace gcpo::model::hf
