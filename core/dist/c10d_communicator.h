// The c10d communicator's factory (internal to core/dist: the rest of the core uses connect()).
#pragma once

#include "dist/communicator.h"

namespace gcpo::dist {

// Joins the rendezvous store; the process group starts in startGroup().
std::unique_ptr<Communicator> makeC10dCommunicator(const DistConfig& config);

}  // namespace gcpo::dist
