// The typed run configuration: one plain struct per section of the run config JSON, resolved once
// (defaults, the algorithm's implied settings, the user's config, --set overrides, validation with
// key paths) by resolveRunConfig, which the field table of train_config.h drives. Everything below
// the CLI reads this struct, never the JSON by string path. Plain C++ (no LibTorch, no Qt).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dist/dist_config.h"
#include "rl/algorithms.h"
#include "rl/credit.h"
#include "rl/train_config.h"
#include "util/lr_schedule.h"

namespace gcpo::rl {

enum class ModelInit { Sft, Checkpoint, Scratch, Hf };
enum class ModelDtype { Fp32, Bf16 };
enum class ChatFormatChoice { Auto, ChatMl, Llama3, Plain };
enum class LossAggregation { TokenMean, SeqMeanTokenMean, SeqMeanTokenSumNorm };
enum class KlEstimator { K1, K2, K3 };
enum class EmbeddingBackend { PolicyHidden, NgramHash, CanonicalAnswer, PolicyHiddenCentred };
// What the coverage game of GCPO weighs each rollout by (gcpo.game_reward, see advantage.h).
enum class GameReward { Shaped, Correct };
enum class LrScheduleKind { Constant, Cosine };
enum class RolloutStorage { Every, EveryN, None };

// Members carry no defaults of their own: the field table holds them (defaultRunConfig()).
struct TaskSettings {           // "tasks"
    nlohmann::json families;    // families: [{name, weight, options}], checked by the task suite
    double formatReward = 0.0;  // format_reward
};

struct ModelSettings {                // "model"
    ModelInit init = ModelInit::Sft;  // init
    std::string sftConfig;            // sft_config ("" = the built-in demo SFT config)
    std::string checkpoint;           // checkpoint
    // A Hugging Face policy (init = hf):
    std::string path;                                      // path: the model folder
    ModelDtype dtype = ModelDtype::Fp32;                   // dtype (bf16: bf16 arithmetic, fp32 master weights)
    ChatFormatChoice chatFormat = ChatFormatChoice::Auto;  // chat_format
    std::string systemPrompt;                              // system_prompt ("" = the template's default)
    bool gradientCheckpointing = false;                    // gradient_checkpointing
    int64_t embeddingLayer = -1;                           // embedding_layer (-1 = after the final norm)
};

struct SamplingSettings {        // "sampling"
    int64_t promptsPerStep = 0;  // prompts_per_step (B)
    int64_t groupSize = 0;       // group_size (G)
    double temperature = 0.0;    // temperature
    int64_t topK = 0;            // top_k (0 = off)
    double topP = 0.0;           // top_p (1 = off)
    int64_t maxNewTokens = 0;    // max_new_tokens
};

struct AlgoSettings {                                             // "algo"
    int64_t epochs = 0;                                           // epochs (μ)
    double clipLow = 0.0, clipHigh = 0.0;                         // clip_low, clip_high
    LossAggregation lossAgg = LossAggregation::SeqMeanTokenMean;  // loss_agg
    double klCoef = 0.0;                                          // kl_coef
    KlEstimator klEstimator = KlEstimator::K3;                    // kl_estimator
    double entropyCoef = 0.0;                                     // entropy_coef
    bool scaleByStd = true;                                       // scale_by_std (every algorithm's group normalisation)
    bool filterZeroStd = false;                                   // filter_zero_std
    double diversityCoef = 0.0;                                   // diversity_coef
};

struct GcpoSettings {                                             // "gcpo"
    EmbeddingBackend embedding = EmbeddingBackend::PolicyHidden;  // embedding
    int ngramDim = 0;                                             // ngram_dim
    KernelKind kernel = KernelKind::Cosine;                       // kernel
    double rbfGamma = 0.0;                                        // rbf_gamma
    double volumeScale = 0.0;                                     // volume_scale
    CreditEstimator estimator = CreditEstimator::Exact;           // estimator
    int samples = 0;                                              // samples
    bool monitor = true;                                          // monitor
    double accuracyWeight = 0.0;                                  // accuracy_weight
    GameReward gameReward = GameReward::Shaped;                   // game_reward
};

struct OptimSettings {                                             // "optim"
    double lr = 0.0, weightDecay = 0.0, beta1 = 0.0, beta2 = 0.0;  // lr, weight_decay, beta1, beta2
    double gradClip = 0.0;                                         // grad_clip (0 = off)
    int64_t warmupSteps = 0;                                       // warmup_steps
    LrScheduleKind schedule = LrScheduleKind::Constant;            // schedule
    int64_t microBatch = 0;                                        // micro_batch (0 = all rollouts at once)
};

struct EvalSettings {          // "eval"
    int64_t every = 0;         // every (0 = never)
    int64_t prompts = 0;       // prompts
    int samples = 0;           // samples (n)
    std::vector<int> k;        // k (pass@k, each <= samples)
    double temperature = 0.0;  // temperature
};

struct StorageSettings {                              // "storage"
    RolloutStorage rollouts = RolloutStorage::Every;  // rollouts
    int64_t rolloutsEvery = 1;                        // rollouts_every
};

struct CheckpointSettings {  // "checkpoint"
    int64_t every = 0;       // every (0 = only at the end)
    int64_t keep = 1;        // keep
};

struct DistributedSettings {                      // "distributed" (used only when the run has several ranks)
    dist::Backend backend = dist::Backend::Auto;  // backend
    double timeoutSeconds = 0.0;                  // timeout_s (0 = the backend's default)
    int64_t checkEvery = 0;                       // check_every (0 = never)
};

struct RunConfig {
    std::string name;                       // name
    Algorithm algorithm = Algorithm::Gcpo;  // algorithm
    uint64_t seed = 0;                      // seed
    std::string device;                     // device: auto, cpu, cuda, cuda:N
    int threads = 0;                        // threads (0 = every core)
    int64_t steps = 0;                      // steps
    TaskSettings tasks;
    ModelSettings model;
    SamplingSettings sampling;
    AlgoSettings algo;
    GcpoSettings gcpo;
    OptimSettings optim;
    EvalSettings eval;
    StorageSettings storage;
    CheckpointSettings checkpoint;
    DistributedSettings distributed;
};

// The one resolution: `config` (a JSON object, possibly partial), then each "key.path=value" of
// `overrides` (as --set gives them), merged over the algorithm's implied settings and the defaults,
// validated by the field table and the cross-field rules. Throws std::invalid_argument listing
// every problem ("path: message", one per line, malformed overrides included) when invalid.
RunConfig resolveRunConfig(const nlohmann::json& config, const std::vector<std::string>& overrides = {});
// resolveRunConfig of an empty config: every default.
RunConfig defaultRunConfig();

// Every value of a resolved config as the nested JSON stored with a run (the field table's keys;
// resolveRunConfig(toJson(c)) gives c back).
nlohmann::json toJson(const RunConfig& config);

// The credit settings of a run: gcpo.{kernel, rbf_gamma, volume_scale, estimator, samples,
// accuracy_weight}, algo.scale_by_std and the run seed.
CreditConfig creditConfig(const RunConfig& config);

// The credit settings of a stored or partial run config JSON: only the keys creditConfig reads are
// taken (others are ignored), validated by the field table like any run config (missing ones take
// their defaults). Throws std::invalid_argument naming the key path of every bad value.
CreditConfig creditConfigFromRunJson(const nlohmann::json& config);

// The RL learning-rate schedule of a run (optim.lr, warmup_steps, schedule over `steps` updates).
LrSchedule lrSchedule(const RunConfig& config);

// The JSON names of the enums (the field table's choices).
std::string toString(LossAggregation a);
std::string toString(KlEstimator k);
std::string toString(EmbeddingBackend e);
std::string toString(GameReward g);
std::string toString(ChatFormatChoice c);

// JSON names, the same strings as the field table's choices (test_config checks both ways).
NLOHMANN_JSON_SERIALIZE_ENUM(ModelInit, {{ModelInit::Sft, "sft"},
                                         {ModelInit::Checkpoint, "checkpoint"},
                                         {ModelInit::Scratch, "scratch"},
                                         {ModelInit::Hf, "hf"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ModelDtype, {{ModelDtype::Fp32, "fp32"}, {ModelDtype::Bf16, "bf16"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ChatFormatChoice, {{ChatFormatChoice::Auto, "auto"},
                                                {ChatFormatChoice::ChatMl, "chatml"},
                                                {ChatFormatChoice::Llama3, "llama3"},
                                                {ChatFormatChoice::Plain, "plain"}})
NLOHMANN_JSON_SERIALIZE_ENUM(LossAggregation, {{LossAggregation::TokenMean, "token-mean"},
                                               {LossAggregation::SeqMeanTokenMean, "seq-mean-token-mean"},
                                               {LossAggregation::SeqMeanTokenSumNorm, "seq-mean-token-sum-norm"}})
NLOHMANN_JSON_SERIALIZE_ENUM(KlEstimator, {{KlEstimator::K1, "k1"}, {KlEstimator::K2, "k2"}, {KlEstimator::K3, "k3"}})
NLOHMANN_JSON_SERIALIZE_ENUM(EmbeddingBackend, {{EmbeddingBackend::PolicyHidden, "policy-hidden"},
                                                {EmbeddingBackend::NgramHash, "ngram-hash"},
                                                {EmbeddingBackend::CanonicalAnswer, "canonical-answer"},
                                                {EmbeddingBackend::PolicyHiddenCentred, "policy-hidden-centred"}})
NLOHMANN_JSON_SERIALIZE_ENUM(GameReward, {{GameReward::Shaped, "shaped"}, {GameReward::Correct, "correct"}})
NLOHMANN_JSON_SERIALIZE_ENUM(LrScheduleKind, {{LrScheduleKind::Constant, "constant"}, {LrScheduleKind::Cosine, "cosine"}})
NLOHMANN_JSON_SERIALIZE_ENUM(RolloutStorage, {{RolloutStorage::Every, "every"},
                                              {RolloutStorage::EveryN, "every_n"},
                                              {RolloutStorage::None, "none"}})
NLOHMANN_JSON_SERIALIZE_ENUM(KernelKind, {{KernelKind::Cosine, "cosine"}, {KernelKind::Rbf, "rbf"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CreditEstimator, {{CreditEstimator::Exact, "exact"},
                                               {CreditEstimator::Permutation, "permutation"},
                                               {CreditEstimator::LeaveOneOut, "leave_one_out"}})

void to_json(nlohmann::json& j, Algorithm a);
void from_json(const nlohmann::json& j, Algorithm& a);

}  // namespace gcpo::rl
