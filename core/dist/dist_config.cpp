// Backend names, default timeouts and range checks of a data-parallel job's placement.
#include "dist/dist_config.h"

#include <stdexcept>

namespace gcpo::dist {

Backend backendFromString(const std::string& s) {
    if (s == "auto") return Backend::Auto;
    if (s == "nccl") return Backend::Nccl;
    if (s == "gloo") return Backend::Gloo;
    throw std::invalid_argument("distributed.backend: unknown value \"" + s + "\" (expected auto, nccl or gloo)");
}

std::string toString(Backend b) {
    switch (b) {
    case Backend::Auto: return "auto";
    case Backend::Nccl: return "nccl";
    case Backend::Gloo: return "gloo";
    }
    return "auto";
}

double defaultTimeoutSeconds(Backend resolved) { return resolved == Backend::Nccl ? 600.0 : 120.0; }

void validate(const DistConfig& c) {
    const std::string from = c.source == "slurm" ? " (SLURM_NTASKS / SLURM_PROCID / SLURM_LOCALID)" : "";
    if (c.worldSize < 1) throw std::invalid_argument("WORLD_SIZE must be >= 1, got " + std::to_string(c.worldSize) + from);
    if (c.rank < 0 || c.rank >= c.worldSize)
        throw std::invalid_argument("RANK must be in 0.." + std::to_string(c.worldSize - 1) + ", got " + std::to_string(c.rank) +
                                    from);
    if (c.localRank < 0) throw std::invalid_argument("LOCAL_RANK must be >= 0, got " + std::to_string(c.localRank) + from);
    if (c.worldSize > 1) {
        if (c.masterAddr.empty()) throw std::invalid_argument("MASTER_ADDR is empty");
        if (c.masterPort < 1 || c.masterPort > 65535)
            throw std::invalid_argument("MASTER_PORT must be in 1..65535, got " + std::to_string(c.masterPort));
    }
}

}  // namespace gcpo::dist
