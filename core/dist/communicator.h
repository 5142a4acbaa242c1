// The data-parallel seam of the trainer: collectives between the ranks of one job. A one-rank
// communicator does nothing (single-process code paths stay exactly as they are); the c10d one
// runs on torch.distributed's own engine as LibTorch ships it (ProcessGroupGloo on CPU,
// ProcessGroupNCCL on CUDA when the build has it, a TCPStore served by rank 0 for the rendezvous).
// Internal to the core (LibTorch types).
//
// Every collective must be called by every rank in the same order. A collective that does not
// complete within the timeout (a rank died or hangs) throws CommError on the ranks still alive,
// naming the operation and what the other ranks last reported (notePhase).
#pragma once

#include <torch/torch.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "dist/dist_config.h"

namespace gcpo::dist {

struct CommError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Communicator {
public:
    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    virtual std::string backendName() const = 0;  // "local", "gloo" or "nccl" ("none" before startGroup)
    // Starts the process group of the collectives (every rank, after connect): `backend` resolved
    // against `device` (see resolveBackend), collective timeout `timeoutSeconds` (<= 0: the
    // backend's default). Throws CommError when the ranks do not all arrive in time.
    virtual void startGroup(Backend backend, const torch::Device& device, double timeoutSeconds) {}
    bool isRoot() const { return rank() == 0; }
    bool distributed() const { return worldSize() > 1; }

    // In place, element-wise over the ranks. Tensors may live on any device (staged through the
    // backend's device when it needs one); floating or integer dtypes.
    virtual void allReduceSum(std::vector<torch::Tensor>& tensors) = 0;
    void allReduceMean(std::vector<torch::Tensor>& tensors);
    // In place: root's values on every rank.
    virtual void broadcast(std::vector<torch::Tensor>& tensors, int root = 0) = 0;
    // Rank 0 receives every rank's bytes in rank order (its own first); the other ranks receive {}.
    virtual std::vector<std::string> gatherToRoot(const std::string& bytes) = 0;
    virtual void barrier() = 0;
    // Root's `value` on every rank, through the rendezvous store under `key` (each key used once;
    // works before startGroup). The non-root ranks wait up to waitSeconds (not the collective
    // timeout: the root may be training the SFT warm-up meanwhile).
    virtual std::string shareFromRoot(const std::string& key, const std::string& value, double waitSeconds) = 0;
    // What this rank is doing now ("step 3 sampling"): kept in the store, quoted in CommError.
    virtual void notePhase(const std::string& phase) {}

    // Seconds spent inside collectives since construction (waiting for slower ranks included).
    double collectiveSeconds() const { return m_collectiveSeconds; }

protected:
    double m_collectiveSeconds = 0.0;
};

// One rank: every collective returns at once, leaving its arguments as they are.
std::unique_ptr<Communicator> makeLocalCommunicator();

// Joins the rendezvous of the job described by `config`: rank 0 serves a TCPStore at
// MASTER_ADDR:MASTER_PORT, the others connect to it (waiting up to config.rendezvousSeconds, then
// CommError). One rank (world size 1): the local communicator. Collectives need startGroup().
std::unique_ptr<Communicator> connect(const DistConfig& config);

// The backend for `requested` on `device` (never Auto): auto picks NCCL for a CUDA device when this
// build has it, else Gloo. Throws std::invalid_argument for nccl without CUDA or without NCCL.
Backend resolveBackend(Backend requested, const torch::Device& device);
bool ncclAvailable();  // this build was compiled with ProcessGroupNCCL

// The device a rank trains on: with several ranks, "auto" (when CUDA is there) and "cuda" mean
// cuda:LOCAL_RANK; anything else as given.
std::string rankDevice(const std::string& setting, const DistConfig& config);

}  // namespace gcpo::dist
