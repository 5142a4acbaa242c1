// diffParameters: two checkpoints' parameters compared name by name (see parameter_diff.h).
#include "model/parameter_diff.h"

#include <cmath>
#include <stdexcept>

#include "model/checkpoint.h"

namespace gcpo::model {

ParameterDiff diffParameters(const std::string& checkpointA, const std::string& checkpointB) {
    torch::NoGradGuard noGrad;
    const auto pa = loadPolicy(checkpointA, torch::kCPU).model->named_parameters();
    const auto pb = loadPolicy(checkpointB, torch::kCPU).model->named_parameters();
    if (pa.size() != pb.size())
        throw std::runtime_error(checkpointA + " has " + std::to_string(pa.size()) + " parameters, " + checkpointB + " has " +
                                 std::to_string(pb.size()));
    ParameterDiff d;
    for (const auto& item : pa) {
        const torch::Tensor* other = pb.find(item.key());
        if (!other) throw std::runtime_error(checkpointB + " has no parameter " + item.key());
        if (!item.value().sizes().equals(other->sizes()))
            throw std::runtime_error("parameter " + item.key() + " has different shapes in the two checkpoints");
        const torch::Tensor a = item.value().to(torch::kDouble), b = other->to(torch::kDouble);  // (shape of the parameter)
        d.values += a.numel();
        if (a.numel() == 0) continue;
        const torch::Tensor gap = (a - b).abs().flatten();  // (numel)
        const int64_t at = gap.argmax().item<int64_t>();
        const double worst = gap[at].item<double>();
        if (worst > d.maxAbs || std::isnan(worst)) {
            d.maxAbs = std::isnan(worst) ? INFINITY : worst;
            d.where = item.key() + "[" + std::to_string(at) + "] of " + std::to_string(a.numel());
        }
    }
    return d;
}

}  // namespace gcpo::model
