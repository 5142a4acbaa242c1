// The largest absolute difference between the parameters of two policy checkpoints (by registered
// name), e.g. the final checkpoints of a data-parallel run and of one process. Torch-free header.
#pragma once

#include <string>

namespace gcpo::model {

struct ParameterDiff {
    double maxAbs = 0.0;
    std::string where;     // "name[i] of n": the parameter and flat index of maxAbs ("" when all are equal)
    long long values = 0;  // parameter values compared
};

// Throws std::runtime_error naming the checkpoint when one cannot be read, and when the two differ
// in their parameter names or shapes.
ParameterDiff diffParameters(const std::string& checkpointA, const std::string& checkpointB);

}  // namespace gcpo::model
