// Decoder-only transformer policy (pre-LayerNorm, hand-written causal attention, learned or rotary
// positions, GELU MLP) with a full forward for training/scoring and a KV-cache forward for decoding.
//
// Legend: B = batch (rows), T = tokens in this call, S = KV-cache capacity (slots), C = d_model,
// H = heads, D = head size (C / H), V = vocabulary.
//
// Padding: every forward takes an optional validity mask (B, T) (true/1 = real token). Positions are
// counted per row over the real tokens only (position = number of real tokens before it), and padded
// keys are never attended to, so left padding, right padding or both give the same outputs for the
// real tokens as an unpadded row would. Outputs at padded positions are finite but meaningless.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "model/model_config.h"

namespace gcpo::model {

struct ForwardOutput {
    torch::Tensor logits;  // (B, T, V) next-token logits at every position
    torch::Tensor hidden;  // (B, T, C) final hidden states (after the final LayerNorm)
};

// Keys and values of every layer for incremental decoding; made by TransformerImpl::makeCache.
struct KVCache {
    std::vector<torch::Tensor> keys;    // per layer (B, H, S, D)
    std::vector<torch::Tensor> values;  // per layer (B, H, S, D)
    torch::Tensor keyValid;             // (B, S) bool: slot holds a real (unpadded) token
    torch::Tensor nextPosition;         // (B) int64: position id of each row's next real token
    int64_t length = 0;                 // slots filled so far (the same for every row)
    int64_t capacity() const { return keyValid.defined() ? keyValid.size(1) : 0; }
};

// alpha a (B, H, M, K) @ b (B, H, K, N) + addend -> (B, H, M, N), the attention products; addend
// (undefined = none) broadcasts to the output and takes no gradient. On the CPU in fp32 the (row,
// head) products run in parallel, each a single-threaded BLAS call that also scales and adds, forward
// and backward (LibTorch 1.13 runs them one after another); elsewhere torch::matmul(alpha a, b) +
// addend. The same results as alpha * a, the product and the addition one after another.
torch::Tensor headMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha = 1.0, const torch::Tensor& addend = {});

// x (..., I) W (O, I)^T + b (O) (b may be undefined), the linear layers: on the CPU in fp32 each thread
// makes one single-threaded BLAS call on a block of rows and adds the bias to them, forward and
// backward, and the weight gradient comes out in the weight's layout; elsewhere torch's linear.
torch::Tensor blasLinear(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b);

// What a decoder's forward derives from (tokens, valid) before its layers, the same for the built-in
// transformer and the Hugging Face decoders: the validity mask, position ids counted over real tokens,
// and which keys each query may attend (earlier real keys, and always itself, so that a padded
// query's row is never empty). `who` starts the error messages ("transformer", "hf model").
struct AttentionInputs {
    torch::Tensor valid;      // (B, T) bool
    torch::Tensor positions;  // (B, T) int64
    torch::Tensor allowed;    // (B, 1, T, K) bool; K = T, or the cache's filled slots plus T
};
// tokens (B, T) int64 with T <= context; valid (B, T) or undefined (= all real).
AttentionInputs sequenceInputs(const torch::Tensor& tokens, const torch::Tensor& valid, int64_t context, const std::string& who);
// For tokens appended to a cache: records their validity in cache.keyValid; advanceCache(cache, in)
// after the layers wrote their keys and values.
AttentionInputs cachedInputs(const torch::Tensor& tokens, const torch::Tensor& valid, KVCache& cache, const std::string& who);
void advanceCache(KVCache& cache, const AttentionInputs& in);

// Cloneable: model->clone(device) gives an independent deep copy (e.g. the frozen RL reference policy).
struct TransformerImpl : torch::nn::Cloneable<TransformerImpl> {
    explicit TransformerImpl(const ModelConfig& config);  // registers the modules and initialises GPT-2 style
    void reset() override;                                // (re)registers the modules (used by clone())

    // tokens (B, T) int64; valid (B, T) bool/int or undefined (= all real). T <= context.
    ForwardOutput forward(const torch::Tensor& tokens, const torch::Tensor& valid = {});

    // An empty cache for `batch` rows and `capacity` slots (capacity <= context for learned positions).
    KVCache makeCache(int64_t batch, int64_t capacity) const;
    // Appends tokens (B, T) (valid (B, T) as in forward, or undefined) to the cache and returns the
    // logits and hidden states of these T tokens, attending to everything cached before them.
    // Exactly equal (up to float rounding) to the matching slice of forward() over the whole sequence.
    ForwardOutput forwardCached(const torch::Tensor& tokens, const torch::Tensor& valid, KVCache& cache);

    const ModelConfig& config() const { return m_config; }
    torch::Device device() const;
    int64_t parameterCount() const;
    // Parameters that take part in a matrix multiply per token (every Linear weight and the output head,
    // i.e. the tied embedding or lm_head): N in the 6 * N * tokens training-FLOP estimate.
    int64_t matmulParameterCount() const;

    // Registered names (checkpoint keys, pinned by a test): wte.weight, [wpe.weight],
    // blocks.<i>.{ln1,attn.qkv,attn.proj,ln2,mlp.fc,mlp.proj}.{weight,bias}, ln_f.{weight,bias}, [lm_head.weight].
    torch::nn::Embedding wte{nullptr};
    torch::nn::Embedding wpe{nullptr};  // learned positions only
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm lnF{nullptr};
    torch::nn::Linear lmHead{nullptr};  // untied weights only (no bias)
    torch::nn::Dropout drop{nullptr};

private:
    ModelConfig m_config;
    ForwardOutput run(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& allowed, KVCache* cache);
};
TORCH_MODULE(Transformer);

// Per-token scores of given sequences under the model, for the RL trainer's reference and training
// forwards (with gradients when grad mode is on). tokens (B, T); valid (B, T) or undefined.
struct TokenScores {
    torch::Tensor logprobs;  // (B, T) log p(tokens[:, t] | real tokens before t); 0 at t = 0 and at padding
    torch::Tensor entropy;   // (B, T) entropy of the distribution that predicted tokens[:, t] (if asked; else undefined)
    torch::Tensor hidden;    // (B, T, C) final hidden state after reading tokens[:, t]
};
// temperature scales the logits before the log-softmax (1 = the policy itself).
TokenScores scoreTokens(Transformer& model, const torch::Tensor& tokens, const torch::Tensor& valid = {},
                        bool withEntropy = false, double temperature = 1.0);
// The scores from a forward pass already made over (tokens, valid): what every policy's scoreTokens
// does after its forward. bf16 and fp16 logits are scored in fp32, fp32 and fp64 as they are.
TokenScores scoresFromForward(const ForwardOutput& out, const torch::Tensor& tokens, const torch::Tensor& valid, bool withEntropy,
                              double temperature);

}  // namespace gcpo::model
