// Memory to RL-train a Hugging Face decoder as this trainer does it, from config.json alone (torch-free:
// model-info and the workbench show it before anything is loaded). Weights, gradients and AdamW states
// are exact byte counts of the parameters; activations are an estimate of what the decoder keeps for
// the backward pass of one micro-batch (not measured; allocator overhead and workspace not counted).
//
// Legend: N = parameters, b = sequences per forward/backward (optim.micro_batch), T = tokens per
// sequence (prompt + completion), L = layers, C = hidden size, F = intermediate size, V = vocabulary,
// H = query heads, Hkv = KV heads, D = head_dim.
#pragma once

#include <cstdint>
#include <string>

#include "model/hf/hf_config.h"

namespace gcpo::model::hf {

enum class TrainPrecision {
    Fp32,  // fp32 weights, gradients, AdamW states, reference, arithmetic
    Bf16,  // model.dtype = bf16: fp32 master weights, gradients and AdamW states; the forward casts
           // each weight to bf16 (autograd keeps the casts for the backward: 2 N bytes, less with
           // gradient checkpointing); bf16 arithmetic and activations; the frozen reference in bf16
};

// "fp32" / "bf16"; HfConfigError naming model.dtype for anything else.
TrainPrecision trainPrecisionFromString(const std::string& name);
const char* toString(TrainPrecision p);

struct MemoryOptions {
    TrainPrecision precision = TrainPrecision::Fp32;
    bool withReference = true;           // a frozen reference (algo.kl_coef > 0)
    int64_t batch = 8;                   // b
    int64_t tokens = 1024;               // T
    bool gradientCheckpointing = false;  // keep only each layer's input; recompute one layer at a time
};

// Bytes, per item.
struct MemoryEstimate {
    double weights = 0;          // the trained (master) weights: 4 N
    double computeWeights = 0;   // bf16 casts held for the backward: 2 N (bf16 only; with gradient
                                 // checkpointing only one layer's and the output head's)
    double gradients = 0;        // 4 N
    double optimizerStates = 0;  // AdamW first and second moments: 8 N
    double reference = 0;        // the frozen reference: 4 N (fp32) or 2 N (bf16); 0 without one
    double activations = 0;      // estimate for one micro-batch of b x T tokens
    double states() const { return weights + computeWeights + gradients + optimizerStates + reference; }
    double total() const { return states() + activations; }
};

MemoryEstimate estimateTrainingMemory(const HfConfig& c, const MemoryOptions& options = {});

// Activation bytes the backward keeps per token of one sequence of T tokens, by term (the sum times
// b x T is MemoryEstimate::activations). Exposed so tests and docs can show the breakdown.
struct ActivationTerms {
    double perLayer = 0;   // one decoder layer, per token: norms, projections, RoPE, attention, SwiGLU
    double attention = 0;  // of perLayer: the fp32 attention probabilities, H x T x 4 per token
    double logits = 0;     // fp32 logits, log-probs and probabilities (entropy) of the head: 12 V
    double kept = 0;       // what the whole model keeps per token (all layers, or with checkpointing
                           // each layer's input plus one layer being recomputed) + logits
};
ActivationTerms activationTerms(const HfConfig& c, const MemoryOptions& options);

}  // namespace gcpo::model::hf
