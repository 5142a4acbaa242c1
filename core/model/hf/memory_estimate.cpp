// Training memory of a Hugging Face decoder from its config (see memory_estimate.h).
#include "model/hf/memory_estimate.h"

namespace gcpo::model::hf {

TrainPrecision trainPrecisionFromString(const std::string& name) {
    if (name == "fp32") return TrainPrecision::Fp32;
    if (name == "bf16") return TrainPrecision::Bf16;
    throw HfConfigError("model.dtype: '" + name + "' is not fp32 or bf16");
}

const char* toString(TrainPrecision p) { return p == TrainPrecision::Bf16 ? "bf16" : "fp32"; }

ActivationTerms activationTerms(const HfConfig& c, const MemoryOptions& o) {
    const bool bf16 = o.precision == TrainPrecision::Bf16;
    const double a = bf16 ? 2.0 : 4.0;  // bytes of the compute dtype
    const double C = static_cast<double>(c.hiddenSize), F = static_cast<double>(c.intermediateSize);
    const double q = static_cast<double>(c.heads * c.headDim), kv = static_cast<double>(c.kvHeads * c.headDim);
    const double T = static_cast<double>(o.tokens), V = static_cast<double>(c.vocabSize);
    ActivationTerms t;
    // Saved for the backward, per token, as layerForward computes it:
    //   two RMSNorms: input and output in the compute dtype (4 C) + the fp32 input of the statistics (2 x 4 C);
    //   q, k, v projections (q + 2 kv), their RoPE outputs (q + kv), the attention output y (q);
    //   SwiGLU: gate, up, silu(gate), silu(gate) * up (4 F); Qwen3's q/k norms keep fp32 inputs.
    // The attention probabilities: fp32 softmax output (H x T x 4), and its bf16 cast under bf16.
    t.attention = static_cast<double>(c.heads) * T * (4.0 + (bf16 ? 2.0 : 0.0));
    t.perLayer = a * (4 * C + 3 * q + 3 * kv + 4 * F) + 8 * C + (c.qkNorm ? 4.0 * (q + kv) : 0.0) + t.attention;
    // The head: logits (the compute dtype's, then fp32), fp32 log-probs and probabilities for the entropy.
    t.logits = V * (12.0 + (bf16 ? 2.0 : 0.0));
    const double layers = static_cast<double>(c.layers);
    t.kept = (o.gradientCheckpointing ? layers * a * C + t.perLayer : layers * t.perLayer) + t.logits;
    return t;
}

MemoryEstimate estimateTrainingMemory(const HfConfig& c, const MemoryOptions& o) {
    const double n = static_cast<double>(c.parameterCount());
    const bool bf16 = o.precision == TrainPrecision::Bf16;
    MemoryEstimate m;
    m.weights = 4.0 * n;  // fp32 master weights in both schemes (the AdamW update stays exact at RL rates)
    // bf16 casts of the weights live until the backward has used them: all of them, or with gradient
    // checkpointing those of the layer being recomputed and of the output head.
    const double embedding = static_cast<double>(c.vocabSize * c.hiddenSize);
    const double layer =
        (n - embedding * (c.tieWordEmbeddings ? 1 : 2) - static_cast<double>(c.hiddenSize)) / static_cast<double>(c.layers);
    m.computeWeights = bf16 ? 2.0 * (o.gradientCheckpointing ? layer + embedding : n) : 0.0;
    m.gradients = 4.0 * n;        // fp32, like the weights they update
    m.optimizerStates = 8.0 * n;  // AdamW first and second moments, fp32
    if (o.withReference) m.reference = (bf16 ? 2.0 : 4.0) * n;
    m.activations = static_cast<double>(o.batch) * static_cast<double>(o.tokens) * activationTerms(c, o).kept;
    return m;
}

}  // namespace gcpo::model::hf
