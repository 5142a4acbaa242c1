// The one-rank communicator (does nothing), backend resolution and the entry point that joins a
// process group.
#include "dist/communicator.h"

#include "dist/c10d_communicator.h"

namespace gcpo::dist {

namespace {

class LocalCommunicator final : public Communicator {
public:
    int rank() const override { return 0; }
    int worldSize() const override { return 1; }
    std::string backendName() const override { return "local"; }
    void allReduceSum(std::vector<torch::Tensor>&) override {}
    void broadcast(std::vector<torch::Tensor>&, int) override {}
    std::vector<std::string> gatherToRoot(const std::string& bytes) override { return {bytes}; }
    void barrier() override {}
    std::string shareFromRoot(const std::string&, const std::string& value, double) override { return value; }
};

}  // namespace

void Communicator::allReduceMean(std::vector<torch::Tensor>& tensors) {
    if (worldSize() == 1) return;
    allReduceSum(tensors);
    for (auto& t : tensors) t.div_(static_cast<double>(worldSize()));
}

std::unique_ptr<Communicator> makeLocalCommunicator() { return std::make_unique<LocalCommunicator>(); }

bool ncclAvailable() {
#ifdef GCPO_WITH_NCCL
    return true;
#else
    return false;
#endif
}

Backend resolveBackend(Backend requested, const torch::Device& device) {
    switch (requested) {
    case Backend::Gloo: return Backend::Gloo;
    case Backend::Nccl:
        if (!ncclAvailable())
            throw std::invalid_argument(
                "distributed.backend: nccl asked for, but this build of gcpo-train has no NCCL "
                "(LibTorch without CUDA, or nccl.h not found at configure time); use gloo");
        if (!device.is_cuda())
            throw std::invalid_argument("distributed.backend: nccl needs a CUDA device, the run's device is " + device.str());
        return Backend::Nccl;
    case Backend::Auto: return device.is_cuda() && ncclAvailable() ? Backend::Nccl : Backend::Gloo;
    }
    return Backend::Gloo;
}

std::unique_ptr<Communicator> connect(const DistConfig& config) {
    validate(config);
    if (!config.distributed()) return makeLocalCommunicator();
    return makeC10dCommunicator(config);
}

std::string rankDevice(const std::string& setting, const DistConfig& config) {
    if (!config.distributed()) return setting;
    if (setting == "cuda" || (setting == "auto" && torch::cuda::is_available()))
        return "cuda:" + std::to_string(config.localRank);
    return setting;
}

}  // namespace gcpo::dist
