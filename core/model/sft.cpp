// Supervised warm-up: batches of (prompt, target) pairs, masked cross-entropy, AdamW with warm-up +
// cosine schedule and global-norm clipping on the device, and verified evaluation on held-out prompts.
#include "model/sft.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "model/checkpoint.h"
#include "model/sampler.h"

namespace gcpo::model {

SftBatch makeSftBatch(const std::vector<std::pair<std::string, std::string>>& pairs, const Tokenizer& tokenizer, int64_t context,
                      const torch::Device& device) {
    if (pairs.empty()) throw std::invalid_argument("sft: empty batch");
    std::vector<std::vector<int64_t>> rows;
    std::vector<int64_t> promptLen;
    int64_t T = 0;
    for (const auto& [prompt, completion] : pairs) {
        auto ids = tokenizer.encode(prompt, /*addBos=*/true);
        promptLen.push_back(static_cast<int64_t>(ids.size()));
        const auto target = tokenizer.encode(completion, false, /*addEos=*/true);
        ids.insert(ids.end(), target.begin(), target.end());
        if (static_cast<int64_t>(ids.size()) > context)
            throw std::invalid_argument("sft: prompt + target of " + std::to_string(ids.size()) +
                                        " tokens exceeds the context (" + std::to_string(context) + ")");
        T = std::max<int64_t>(T, static_cast<int64_t>(ids.size()));
        rows.push_back(std::move(ids));
    }
    const int64_t B = static_cast<int64_t>(rows.size());
    auto tokens = torch::full({B, T}, Tokenizer::kPad, torch::kLong);  // (B, T)
    auto valid = torch::zeros({B, T}, torch::kBool);                   // (B, T)
    auto lossMask = torch::zeros({B, T}, torch::kFloat);               // (B, T)
    auto tA = tokens.accessor<int64_t, 2>();
    auto vA = valid.accessor<bool, 2>();
    auto lA = lossMask.accessor<float, 2>();
    int64_t real = 0;
    for (int64_t b = 0; b < B; ++b) {
        const auto& r = rows[static_cast<size_t>(b)];
        for (size_t t = 0; t < r.size(); ++t) {
            tA[b][static_cast<int64_t>(t)] = r[t];
            vA[b][static_cast<int64_t>(t)] = true;
            lA[b][static_cast<int64_t>(t)] = static_cast<int64_t>(t) >= promptLen[static_cast<size_t>(b)] ? 1.0f : 0.0f;
        }
        real += static_cast<int64_t>(r.size());
    }
    return {tokens.to(device), valid.to(device), lossMask.to(device), real};
}

torch::Tensor sftLoss(Transformer& model, const SftBatch& batch) {
    const int64_t T = batch.tokens.size(1);
    const auto logits = model->forward(batch.tokens, batch.valid).logits.narrow(1, 0, T - 1);  // (B, T-1, V)
    const auto targets = batch.tokens.narrow(1, 1, T - 1);                                     // (B, T-1)
    const auto mask = batch.lossMask.narrow(1, 1, T - 1);                                      // (B, T-1)
    const auto nll = torch::nn::functional::cross_entropy(
        logits.reshape({-1, logits.size(2)}), targets.reshape({-1}),
        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));  // (B * (T-1))
    return (nll * mask.reshape({-1})).sum() / mask.sum().clamp_min(1.0);            // ()
}

SftTrainer::SftTrainer(const SftConfig& config, const torch::Device& device)
    : m_config(config), m_device(device), m_dataRng(config.seed ^ 0x5f7ull) {
    try {
        m_suite = std::make_unique<tasks::TaskSuite>(config.tasks);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("tasks.") + e.what());
    }
    torch::manual_seed(config.seed);
    m_model = Transformer(config.model);
    m_model->to(device);
    // Weight decay on matrices only; biases, LayerNorm gains and embeddings are not decayed.
    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& p : m_model->named_parameters()) {
        const bool embedding = p.key().rfind("wte", 0) == 0 || p.key().rfind("wpe", 0) == 0;
        (p.value().dim() >= 2 && !embedding ? decay : noDecay).push_back(p.value());
    }
    auto opts = torch::optim::AdamWOptions(config.lr).betas({config.beta1, config.beta2}).weight_decay(config.weightDecay);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(opts));
    groups.emplace_back(noDecay,
                        std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(opts).weight_decay(0.0)));
    m_optimizer = std::make_unique<torch::optim::AdamW>(std::move(groups), opts);
}

std::vector<std::pair<std::string, std::string>> SftTrainer::nextPairs() {
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(static_cast<size_t>(m_config.batchSize));
    for (int64_t j = 0; j < m_config.batchSize; ++j) {
        const tasks::Task task = m_suite->sample(tasks::Split::Train, m_config.seed, m_step * m_config.batchSize + j);
        pairs.emplace_back(task.prompt, m_suite->family(task.family).targetCompletion(task, m_dataRng));
    }
    return pairs;
}

SftTrainer::StepStats SftTrainer::step() {
    m_model->train();
    const SftBatch batch = makeSftBatch(nextPairs(), m_tokenizer, m_config.model.context, m_device);
    StepStats s;
    s.lr = sftLearningRate(m_config, m_step);
    for (auto& group : m_optimizer->param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(s.lr);
    m_optimizer->zero_grad();
    s.loss = sftLoss(m_model, batch);
    s.loss.backward();
    // Global L2 norm and clipping on the device (torch::nn::utils::clip_grad_norm_ would sync to the host).
    std::vector<torch::Tensor> norms;
    for (const auto& p : m_model->parameters())
        if (p.grad().defined()) norms.push_back(p.grad().norm());
    s.gradNorm = torch::stack(norms).norm();  // ()
    if (m_config.gradClip > 0.0) {
        const auto scale = (m_config.gradClip / (s.gradNorm + 1e-6)).clamp_max(1.0);  // ()
        for (auto& p : m_model->parameters())
            if (p.grad().defined()) p.grad().mul_(scale);
    }
    m_optimizer->step();
    s.loss = s.loss.detach();
    s.tokens = batch.realTokens;
    ++m_step;
    return s;
}

SftEvalResult SftTrainer::evaluate() {
    SftEvalResult r;
    const int64_t chunk = 64;
    int64_t correct = 0, formatted = 0, lengthSum = 0;
    double reward = 0.0;
    for (int64_t start = 0; start < m_config.evalPrompts; start += chunk) {
        const int64_t n = std::min(chunk, m_config.evalPrompts - start);
        std::vector<tasks::Task> taskList;
        std::vector<std::vector<int64_t>> prompts;
        int64_t longest = 0;
        for (int64_t i = 0; i < n; ++i) {
            taskList.push_back(m_suite->sample(tasks::Split::Test, m_config.evalSeed, start + i));
            prompts.push_back(m_tokenizer.encode(taskList.back().prompt, true));
            longest = std::max<int64_t>(longest, static_cast<int64_t>(prompts.back().size()));
        }
        SamplingConfig sc;
        sc.temperature = m_config.evalTemperature;
        sc.seed = m_config.evalSeed + static_cast<uint64_t>(start);
        sc.maxNewTokens = std::min(m_config.evalMaxNewTokens, m_config.model.context - longest);
        if (sc.maxNewTokens < 1) throw std::invalid_argument("sft: eval prompts leave no room in the context");
        const SampleBatch s = sample(m_model, prompts, 1, sc, m_tokenizer.eos());
        const auto tokens = s.tokens.to(torch::kCPU);  // (R, N)
        const auto lengths = s.lengths.to(torch::kCPU);
        for (int64_t i = 0; i < n; ++i) {
            const auto row = tokens[i];
            const std::vector<int64_t> ids(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + row.numel());
            const std::string text = m_tokenizer.decode(ids, true, true);
            const tasks::Verdict v = m_suite->verify(taskList[static_cast<size_t>(i)], text);
            correct += v.correct;
            formatted += v.wellFormatted;
            reward += v.reward;
            lengthSum += lengths[i].item<int64_t>();
            if (start == 0 && i == 0) r.sampleCompletion = text;
        }
    }
    const double total = static_cast<double>(m_config.evalPrompts);
    r.prompts = m_config.evalPrompts;
    r.accuracy = correct / total;
    r.formatRate = formatted / total;
    r.reward = reward / total;
    r.meanLength = lengthSum / total;
    return r;
}

void SftTrainer::save(const std::string& dir, const nlohmann::json& extra) {
    CheckpointInfo info;
    info.step = m_step;
    std::ostringstream rng;
    rng << m_dataRng;
    info.dataRngState = rng.str();
    info.extra = extra;
    saveCheckpoint(dir, m_model, m_tokenizer, m_optimizer.get(), info);
}

void SftTrainer::resume(const std::string& dir) {
    const CheckpointInfo info = loadCheckpoint(dir, m_model, m_tokenizer, m_optimizer.get(), /*restoreRng=*/true);
    m_step = info.step;
    if (!info.dataRngState.empty()) {
        std::istringstream in(info.dataRngState);
        in >> m_dataRng;
        if (!in) throw std::runtime_error("checkpoint: " + dir + " has a damaged data RNG state");
    }
}

}  // namespace gcpo::model
