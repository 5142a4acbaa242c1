// The policy interface the sampler and the trainer use: the built-in character transformer and the
// Hugging Face decoders (hf/llama_family.h) both implement it, so either can be sampled and trained.
//
// Legend: B = batch, T = tokens in this call, C = hidden size, V = vocabulary.
// Padding, positions and the KV cache follow transformer.h: positions count the real tokens of a
// row, padded keys are never attended to, forwardCached() equals the matching slice of forward().
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>

#include "model/transformer.h"

namespace gcpo::model {

class Policy {
public:
    virtual ~Policy() = default;

    // tokens (B, T) int64; valid (B, T) or undefined (= all real). logits (B, T, V) are fp32 whatever
    // the weights' dtype; hidden (B, T, C) is the representation hiddenLayer() selects.
    virtual ForwardOutput forward(const torch::Tensor& tokens, const torch::Tensor& valid = {}) = 0;
    // An empty cache for `batch` rows and `capacity` slots (keys/values per KV head).
    virtual KVCache makeCache(int64_t batch, int64_t capacity) const = 0;
    virtual ForwardOutput forwardCached(const torch::Tensor& tokens, const torch::Tensor& valid, KVCache& cache) = 0;

    virtual int64_t vocabSize() const = 0;
    virtual int64_t contextLength() const = 0;  // longest prompt + completion
    virtual int64_t hiddenSize() const = 0;     // C of ForwardOutput::hidden
    virtual torch::Device device() const = 0;
    virtual int64_t parameterCount() const = 0;
    virtual int64_t matmulParameterCount() const = 0;  // N in 6 N tokens
    // The module that owns the parameters: parameters(), train()/eval(), to(device).
    virtual torch::nn::Module& module() = 0;
    // An independent deep copy on `device` (the frozen RL reference).
    virtual std::shared_ptr<Policy> clonePolicy(const torch::Device& device) const = 0;
    // "builtin" or the Hugging Face architecture name ("qwen2", ...).
    virtual std::string kind() const = 0;
};

// The built-in transformer behind the Policy interface (shares the module; no copy).
class TransformerPolicy : public Policy {
public:
    explicit TransformerPolicy(Transformer model) : m_model(std::move(model)) {}
    ForwardOutput forward(const torch::Tensor& tokens, const torch::Tensor& valid = {}) override {
        return m_model->forward(tokens, valid);
    }
    KVCache makeCache(int64_t batch, int64_t capacity) const override { return m_model->makeCache(batch, capacity); }
    ForwardOutput forwardCached(const torch::Tensor& tokens, const torch::Tensor& valid, KVCache& cache) override {
        return m_model->forwardCached(tokens, valid, cache);
    }
    int64_t vocabSize() const override { return m_model->config().vocabSize; }
    int64_t contextLength() const override { return m_model->config().context; }
    int64_t hiddenSize() const override { return m_model->config().dModel; }
    torch::Device device() const override { return m_model->device(); }
    int64_t parameterCount() const override { return m_model->parameterCount(); }
    int64_t matmulParameterCount() const override { return m_model->matmulParameterCount(); }
    torch::nn::Module& module() override { return *m_model; }
    std::shared_ptr<Policy> clonePolicy(const torch::Device& device) const override {
        return std::make_shared<TransformerPolicy>(
            Transformer(std::dynamic_pointer_cast<TransformerImpl>(m_model->clone(device))));
    }
    std::string kind() const override { return "builtin"; }
    Transformer& model() { return m_model; }

private:
    Transformer m_model;
};

// Per-token log-probs (and entropy, hidden) of given sequences under any policy; the same contract
// as scoreTokens(Transformer&, ...) in transformer.h. Logits are scored in fp32.
TokenScores scoreTokens(Policy& policy, const torch::Tensor& tokens, const torch::Tensor& valid = {}, bool withEntropy = false,
                        double temperature = 1.0);

}  // namespace gcpo::model
