// Where this process sits in a data-parallel job, read from the launcher's environment: torchrun's
// RANK / WORLD_SIZE / LOCAL_RANK / MASTER_ADDR / MASTER_PORT, else Slurm's SLURM_PROCID /
// SLURM_NTASKS / SLURM_LOCALID with the master from SLURM_LAUNCH_NODE_IPADDR or the first host of
// SLURM_JOB_NODELIST. The only place that reads these variables; the core receives the struct.
#pragma once

#include <functional>
#include <string>

#include "dist/dist_config.h"

namespace gcpo::cli {

using EnvLookup = std::function<const char*(const char*)>;  // nullptr when unset

// WORLD_SIZE (or SLURM_NTASKS) unset or 1: a single process. Throws std::invalid_argument naming
// the variable when a value is not an integer or out of range, or a multi-rank job lacks its master.
dist::DistConfig distConfigFromEnvironment(const EnvLookup& env);
dist::DistConfig distConfigFromEnvironment();  // the process environment

// distConfigFromEnvironment() for `run` / `resume`: a bad variable is an ExitError(2) naming it.
// For a multi-rank job it also asks NCCL for blocking waits (unless the environment already says),
// so that a collective honours distributed.timeout_s instead of hanging.
dist::DistConfig distConfigForTraining();

// The first host of a Slurm node list: "gpu[03-05,9],cpu1" -> "gpu03", "a1,a2" -> "a1".
std::string firstSlurmHost(const std::string& nodelist);

}  // namespace gcpo::cli
