// Prompt shares, summed statistics and the trip of step records to rank 0 (see step_sync.h).
#include "dist/step_sync.h"

#include <chrono>

#include "dist/record_codec.h"

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

}  // namespace gcpo::dist
