// A step record as bytes, so the ranks of a data-parallel run can send their groups, rollouts
// (with embeddings), metrics, evaluations and evaluation samples to rank 0, the only writer.
// Plain C++ (no LibTorch). The format is private to one job (all ranks run the same binary):
// magic "GCPR", a version, then every field in order; little-endian as the host writes it.
#pragma once

#include <string>

#include "store/run_store.h"

namespace gcpo::dist {

std::string encodeStepRecord(const store::StepRecord& record);

// Throws std::runtime_error naming what is wrong when `bytes` is not a whole record of this format.
store::StepRecord decodeStepRecord(const std::string& bytes);

// Appends `part`'s groups, rollouts and evaluation samples to `into` (a rank's share of one step,
// in rank order); metrics and evaluation values are left to the caller.
void appendShare(store::StepRecord& into, store::StepRecord&& part);

}  // namespace gcpo::dist
