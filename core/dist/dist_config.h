// Where this process sits in a data-parallel job: rank, world size, rendezvous address, backend and
// timeout. Plain C++ (no LibTorch): the CLI fills it from the launcher's environment (torchrun,
// Slurm, `gcpo-train launch`) and hands it to the core, which never reads the environment itself.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::dist {

// auto: NCCL when the device is CUDA (and this build has NCCL), else Gloo.
enum class Backend { Auto, Nccl, Gloo };
Backend backendFromString(const std::string& s);  // throws std::invalid_argument naming the value
std::string toString(Backend b);
NLOHMANN_JSON_SERIALIZE_ENUM(Backend, {{Backend::Auto, "auto"}, {Backend::Nccl, "nccl"}, {Backend::Gloo, "gloo"}})

// The default collective timeout of a backend: 10 minutes for NCCL, 2 minutes for Gloo.
double defaultTimeoutSeconds(Backend resolved);

struct DistConfig {
    int rank = 0;                          // RANK / SLURM_PROCID
    int worldSize = 1;                     // WORLD_SIZE / SLURM_NTASKS; 1 = a single process (no process group)
    int localRank = 0;                     // LOCAL_RANK / SLURM_LOCALID: the CUDA device under backend auto
    std::string masterAddr = "127.0.0.1";  // MASTER_ADDR: where rank 0 serves the rendezvous store
    int masterPort = 29500;                // MASTER_PORT
    std::string glooInterface;             // GLOO_SOCKET_IFNAME (empty: the host's default address)
    std::string source = "none";           // "torchrun", "slurm" or "none": which variables were read
    double rendezvousSeconds = 120.0;      // how long a rank waits for the others to join

    bool distributed() const { return worldSize > 1; }
};

// Checks ranges (world size >= 1, 0 <= rank < world size, local rank >= 0, port in 1..65535,
// non-empty master address); throws std::invalid_argument naming the variable.
void validate(const DistConfig& c);

}  // namespace gcpo::dist
