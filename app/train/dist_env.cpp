// Reads the data-parallel placement from torchrun's or Slurm's environment variables.
#include "train/dist_env.h"

#include <cstdlib>
#include <stdexcept>

#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

int intVar(const EnvLookup& env, const char* name, int fallback) {
    const char* v = env(name);
    if (!v || !*v) return fallback;
    try {
        size_t used = 0;
        const int x = std::stoi(v, &used);
        if (used != std::string(v).size()) throw std::invalid_argument("trailing text");
        return x;
    } catch (const std::exception&) {
        throw std::invalid_argument(std::string(name) + "=\"" + v + "\" is not an integer");
    }
}

std::string strVar(const EnvLookup& env, const char* name) {
    const char* v = env(name);
    return v ? std::string(v) : std::string();
}

}  // namespace

std::string firstSlurmHost(const std::string& nodelist) {
    // The first entry ends at the first comma outside brackets.
    size_t end = 0;
    int depth = 0;
    for (; end < nodelist.size(); ++end) {
        if (nodelist[end] == '[') ++depth;
        else if (nodelist[end] == ']') --depth;
        else if (nodelist[end] == ',' && depth == 0) break;
    }
    const std::string entry = nodelist.substr(0, end);
    const size_t open = entry.find('[');
    if (open == std::string::npos) return entry;
    const size_t close = entry.find(']', open);
    if (close == std::string::npos) throw std::invalid_argument("SLURM_JOB_NODELIST=\"" + nodelist + "\": unbalanced '['");
    const std::string inside = entry.substr(open + 1, close - open - 1);
    const size_t stop = inside.find_first_of(",-");
    return entry.substr(0, open) + inside.substr(0, stop) + entry.substr(close + 1);
}

dist::DistConfig distConfigFromEnvironment(const EnvLookup& env) {
    dist::DistConfig c;
    if (env("WORLD_SIZE") && *env("WORLD_SIZE")) {
        c.source = "torchrun";
        c.worldSize = intVar(env, "WORLD_SIZE", 1);
        c.rank = intVar(env, "RANK", 0);
        c.localRank = intVar(env, "LOCAL_RANK", c.rank);
        c.masterAddr = strVar(env, "MASTER_ADDR");
        c.masterPort = intVar(env, "MASTER_PORT", 29500);
        if (c.worldSize > 1 && (!env("RANK") || !env("MASTER_ADDR")))
            throw std::invalid_argument("WORLD_SIZE=" + std::to_string(c.worldSize) +
                                        " but RANK or MASTER_ADDR is unset "
                                        "(torchrun sets all of RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT)");
    } else if (env("SLURM_NTASKS") && *env("SLURM_NTASKS")) {
        c.source = "slurm";
        c.worldSize = intVar(env, "SLURM_NTASKS", 1);
        c.rank = intVar(env, "SLURM_PROCID", 0);
        c.localRank = intVar(env, "SLURM_LOCALID", 0);
        c.masterAddr = strVar(env, "MASTER_ADDR");
        if (c.masterAddr.empty()) c.masterAddr = strVar(env, "SLURM_LAUNCH_NODE_IPADDR");
        if (c.masterAddr.empty() && env("SLURM_JOB_NODELIST")) c.masterAddr = firstSlurmHost(strVar(env, "SLURM_JOB_NODELIST"));
        c.masterPort = intVar(env, "MASTER_PORT", 29500);
        if (c.worldSize > 1 && c.masterAddr.empty())
            throw std::invalid_argument("SLURM_NTASKS=" + std::to_string(c.worldSize) +
                                        " but no master address: set MASTER_ADDR, or run under srun (SLURM_LAUNCH_NODE_IPADDR "
                                        "or SLURM_JOB_NODELIST)");
    }
    c.glooInterface = strVar(env, "GLOO_SOCKET_IFNAME");
    dist::validate(c);
    return c;
}

dist::DistConfig distConfigForTraining() {
    dist::DistConfig c;
    try {
        c = distConfigFromEnvironment();
    } catch (const std::invalid_argument& e) {
        throw ExitError(kExitBadInput, e.what());
    }
    if (c.distributed()) {
        ::setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);  // LibTorch 2.x
        ::setenv("NCCL_BLOCKING_WAIT", "1", 0);        // LibTorch 1.x
    }
    return c;
}

dist::DistConfig distConfigFromEnvironment() {
    return distConfigFromEnvironment([](const char* n) -> const char* { return std::getenv(n); });
}

}  // namespace gcpo::cli
