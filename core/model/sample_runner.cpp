// sampleFromCheckpoint: load a policy, sample G completions of one prompt, decode and optionally verify.
#include "model/sample_runner.h"

#include <algorithm>
#include <stdexcept>

#include "model/checkpoint.h"
#include "model/sampler.h"
#include "tasks/task.h"
#include "util/torch_runtime.h"

namespace gcpo::model {

std::vector<SampledCompletion> sampleFromCheckpoint(const SampleRequest& req) {
    std::unique_ptr<tasks::TaskFamily> family;
    tasks::Task task;
    std::string prompt = req.prompt;
    if (!req.task.is_null()) {
        if (!req.task.is_object() || !req.task.contains("family") || !req.task["family"].is_string())
            throw std::invalid_argument("task: expected a task object with a \"family\" string");
        family = tasks::makeFamily(req.task["family"].get<std::string>());
        try {
            task = family->fromJson(req.task);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("task.") + e.what());
        }
        prompt = task.prompt;
    }
    setTorchThreads(req.threads);
    const torch::Device device(resolveDevice(req.device));
    LoadedPolicy policy = loadPolicy(req.checkpoint, device);
    const auto ids = policy.tokenizer.encode(prompt, /*addBos=*/true);
    const int64_t room = policy.model->config().context - static_cast<int64_t>(ids.size());
    if (room < 1)
        throw std::invalid_argument("prompt: " + std::to_string(ids.size()) + " tokens leave no room in the model context (" +
                                    std::to_string(policy.model->config().context) + ")");
    SamplingConfig sc;
    sc.temperature = req.temperature;
    sc.topK = req.topK;
    sc.topP = req.topP;
    sc.seed = req.seed;
    sc.maxNewTokens = std::min(req.maxNewTokens, room);
    const SampleBatch s = sample(policy.model, {ids}, req.n, sc, policy.tokenizer.eos());
    const auto tokens = s.tokens.to(torch::kCPU).contiguous();                  // (G, N)
    const auto lengths = s.lengths.to(torch::kCPU);                             // (G)
    const auto finished = s.finished.to(torch::kCPU);                           // (G)
    const auto logprob = s.logprobs.sum(1).to(torch::kCPU).to(torch::kDouble);  // (G)
    tasks::RewardConfig reward;
    reward.formatReward = req.formatReward;
    std::vector<SampledCompletion> out;
    for (int64_t g = 0; g < req.n; ++g) {
        const auto row = tokens[g];
        SampledCompletion c;
        c.text = policy.tokenizer.decode(std::vector<int64_t>(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + row.numel()),
                                         true, true);
        c.tokens = lengths[g].item<int64_t>();
        c.finished = finished[g].item<bool>();
        c.logprob = logprob[g].item<double>();
        if (family) c.verdict = tasks::toJson(family->verify(task, c.text, reward));
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace gcpo::model
