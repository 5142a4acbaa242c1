// Prompt shares, summed statistics and the trip of step records to rank 0 (see step_sync.h).
#include "dist/step_sync.h"

#include <chrono>
#include <exception>

#include <nlohmann/json.hpp>

#include "dist/record_codec.h"
#include "util/torch_runtime.h"

namespace gcpo::dist {

Share shareOf(int64_t total, const Communicator& comm, bool exact) {
    const int64_t W = comm.worldSize(), r = comm.rank();
    if (exact && total % W != 0)
        throw std::invalid_argument(std::to_string(total) + " items cannot be split evenly over " + std::to_string(W) + " ranks");
    // Uneven totals: the first (total % W) ranks take one more.
    const int64_t base = total / W, extra = total % W;
    Share s;
    s.first = r * base + std::min(r, extra);
    s.count = base + (r < extra ? 1 : 0);
    return s;
}

std::vector<double> sumOverRanks(Communicator& comm, std::vector<double> values) {
    if (comm.worldSize() == 1 || values.empty()) return values;
    std::vector<torch::Tensor> t{torch::tensor(values, torch::kDouble)};  // (K)
    comm.allReduceSum(t);
    const torch::Tensor host = t[0].to(torch::kCPU).contiguous();
    return std::vector<double>(host.data_ptr<double>(), host.data_ptr<double>() + host.numel());
}

double gatherShares(Communicator& comm, store::StepRecord& record) {
    if (comm.worldSize() == 1) return 0.0;
    const auto t0 = std::chrono::steady_clock::now();
    store::StepRecord mine;
    if (!comm.isRoot()) {
        mine.step = record.step;
        mine.groups = std::move(record.groups);
        mine.rollouts = std::move(record.rollouts);
        mine.evalSamples = std::move(record.evalSamples);
        record.groups.clear();
        record.rollouts.clear();
        record.evalSamples.clear();
    }
    const std::vector<std::string> all = comm.gatherToRoot(comm.isRoot() ? std::string() : encodeStepRecord(mine));
    for (size_t r = 1; r < all.size(); ++r) {
        store::StepRecord part = decodeStepRecord(all[r]);
        if (part.step != record.step)
            throw CommError("distributed: rank " + std::to_string(r) + " sent step " + std::to_string(part.step) +
                            " while rank 0 is at step " + std::to_string(record.step));
        appendShare(record, std::move(part));
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string fromRoot(Communicator& comm, const std::string& key, const std::function<std::string()>& produce) {
    if (!comm.distributed()) return produce();
    using nlohmann::json;
    constexpr double kWaitSeconds = 7 * 24 * 3600.0;
    if (comm.isRoot()) {
        try {
            std::string value = produce();
            comm.shareFromRoot(key, json{{"value", value}}.dump(), kWaitSeconds);
            return value;
        } catch (const std::invalid_argument& e) {
            comm.shareFromRoot(key, json{{"error", e.what()}, {"bad_input", true}}.dump(), kWaitSeconds);
            throw;
        } catch (const std::exception& e) {
            comm.shareFromRoot(key, json{{"error", e.what()}, {"bad_input", false}}.dump(), kWaitSeconds);
            throw;
        }
    }
    const json shared = json::parse(comm.shareFromRoot(key, "", kWaitSeconds));
    if (shared.contains("error")) {
        const std::string what = "rank 0: " + shared.at("error").get<std::string>();
        if (shared.at("bad_input").get<bool>()) throw std::invalid_argument(what);
        throw std::runtime_error(what);
    }
    return shared.at("value").get<std::string>();
}

void checkPromptSplit(int64_t promptsPerStep, int worldSize) {
    if (promptsPerStep % worldSize != 0)
        throw std::invalid_argument("sampling.prompts_per_step: " + std::to_string(promptsPerStep) +
                                    " prompts cannot be split into whole groups over " + std::to_string(worldSize) +
                                    " ranks (WORLD_SIZE); use a multiple of " + std::to_string(worldSize));
}

void startRunGroup(Communicator& comm, const DistConfig& placement, const std::string& deviceSetting, Backend backend,
                   double timeoutSeconds) {
    if (!comm.distributed()) return;
    const torch::Device device(resolveDevice(rankDevice(deviceSetting, placement)));
    comm.startGroup(backend, device, timeoutSeconds);
}

}  // namespace gcpo::dist
