// The c10d communicator's factory (internal to core/dist: the rest of the core uses connect()).
#pragma once

#include "dist/communicator.h"

namespace gcpo::dist {

// resolved: Gloo or Nccl (never Auto).
std::unique_ptr<Communicator> makeC10dCommunicator(const DistConfig& config, Backend resolved, const torch::Device& device);

}  // namespace gcpo::dist
