// One decoder for LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM and Qwen3ForCausalLM with
// per-architecture switches (biases, Qwen3 q/k norm, Llama-3 RoPE scaling, GQA, tying), behind the
// Policy interface. Registered parameter names are the Hugging Face tensor names
// (model.embed_tokens.weight, model.layers.<i>.self_attn.q_proj.weight, ..., model.norm.weight,
// lm_head.weight), so loading and exporting are name-for-name copies.
//
// Legend: B = batch, T = tokens in this call, K = keys attended, S = cache slots, C = hidden size,
// H = query heads, Hkv = key/value heads, G = H / Hkv (queries per KV head), D = head_dim,
// F = intermediate size, V = vocabulary.
//
// Precision: the parameters have one storage dtype (fp32 or bf16) and the arithmetic runs in the
// compute dtype (setComputeDtype): fp32 parameters with bf16 compute are cast per use (autocast done
// by hand, so it behaves the same on CPU and CUDA and on LibTorch 1.13 and 2.x). RMSNorm statistics,
// RoPE angles, the attention softmax and the logits are computed in fp32, as transformers does.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "model/hf/hf_config.h"
#include "model/policy.h"

namespace gcpo::model::hf {

// inv_freq (D/2) of the config's RoPE (rope_theta, and the "llama3" frequency remapping), fp32 on the
// CPU as transformers computes it.
torch::Tensor ropeInverseFrequencies(const HfConfig& c);

struct LlamaFamilyImpl : torch::nn::Cloneable<LlamaFamilyImpl>, Policy {
    // Registers the modules (fp32, on the CPU) with small random weights (N(0, 0.02), norms 1).
    explicit LlamaFamilyImpl(const HfConfig& config);
    void reset() override;

    ForwardOutput forward(const torch::Tensor& tokens, const torch::Tensor& valid = {}) override;
    KVCache makeCache(int64_t batch, int64_t capacity) const override;  // keys/values (B, Hkv, S, D)
    ForwardOutput forwardCached(const torch::Tensor& tokens, const torch::Tensor& valid, KVCache& cache) override;

    int64_t vocabSize() const override { return m_config.vocabSize; }
    int64_t contextLength() const override { return m_config.context(); }
    int64_t hiddenSize() const override { return m_config.hiddenSize; }
    torch::Device device() const override;
    int64_t parameterCount() const override;
    int64_t matmulParameterCount() const override { return m_config.matmulParameterCount(); }
    torch::nn::Module& module() override { return *this; }
    std::shared_ptr<Policy> clonePolicy(const torch::Device& device) const override;
    std::string kind() const override { return archName(m_config.arch); }

    const HfConfig& config() const { return m_config; }
    // Arithmetic dtype (kFloat or kBFloat16); defaults to the parameters' dtype after to().
    void setComputeDtype(torch::ScalarType t) { m_compute = t; }
    torch::ScalarType computeDtype() const { return m_compute; }
    // ForwardOutput::hidden is transformers' hidden_states[layer]: 0 = embeddings, i = output of
    // decoder layer i, layers (or -1) = after the final norm (the default).
    void setHiddenLayer(int64_t layer);
    int64_t hiddenLayer() const { return m_hiddenLayer; }
    // Recompute each decoder layer in the backward pass instead of keeping its activations
    // (training forwards only: grad mode on, no cache).
    void setGradientCheckpointing(bool on) { m_checkpointing = on; }
    bool gradientCheckpointing() const { return m_checkpointing; }

    // Every parameter name with the shape the config implies, in registration order.
    std::vector<std::pair<std::string, std::vector<int64_t>>> expectedTensors() const;

    // One decoder layer (used by the checkpointing autograd function). x (B, T, C) in compute dtype.
    torch::Tensor layerForward(size_t layer, const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                               const torch::Tensor& allowed, KVCache* cache);

    std::shared_ptr<torch::nn::Module> model;  // "model": embed_tokens, layers, norm
    torch::nn::Linear lmHead{nullptr};         // "lm_head" (untied only)

private:
    HfConfig m_config;
    torch::ScalarType m_compute = torch::kFloat;
    int64_t m_hiddenLayer = -1;
    bool m_checkpointing = false;
    ForwardOutput run(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& allowed, KVCache* cache);
};
TORCH_MODULE(LlamaFamily);

}  // namespace gcpo::model::hf
