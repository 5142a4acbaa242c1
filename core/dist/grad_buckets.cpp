// Bucketed gradient all-reduce and the replica checksum (see grad_buckets.h).
#include "dist/grad_buckets.h"

#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

namespace gcpo::dist {

double allReduceGradients(Communicator& comm, const std::vector<torch::Tensor>& parameters, int64_t bucketBytes) {
    if (comm.worldSize() == 1) return 0.0;
    const auto t0 = std::chrono::steady_clock::now();
    // Parameters grouped by (device, dtype), each group cut into buckets in parameter order.
    std::map<std::string, std::vector<std::vector<torch::Tensor>>> buckets;
    std::map<std::string, int64_t> filled;
    for (const auto& p : parameters) {
        if (!p.requires_grad()) continue;
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
        const std::string key = p.device().str() + "/" + std::string(c10::toString(p.scalar_type()));
        auto& list = buckets[key];
        const int64_t bytes = p.numel() * static_cast<int64_t>(p.element_size());
        if (list.empty() || filled[key] + bytes > bucketBytes) {
            list.emplace_back();
            filled[key] = 0;
        }
        list.back().push_back(p.grad());
        filled[key] += bytes;
    }
    for (auto& [key, list] : buckets) {
        for (auto& grads : list) {
            std::vector<torch::Tensor> flat;
            for (const auto& g : grads) flat.push_back(g.reshape({-1}));
            std::vector<torch::Tensor> bucket{torch::cat(flat)};  // (Σ numel)
            comm.allReduceSum(bucket);
            int64_t offset = 0;
            for (auto& g : grads) {
                g.copy_(bucket[0].narrow(0, offset, g.numel()).view_as(g));
                offset += g.numel();
            }
        }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<double> parameterChecksum(const std::vector<torch::Tensor>& parameters) {
    torch::NoGradGuard ng;
    double s = 0, s2 = 0, si = 0;
    for (const auto& p : parameters) {
        const torch::Tensor x = p.detach().reshape({-1}).to(torch::kCPU, torch::kDouble);                // (numel)
        const torch::Tensor w = torch::remainder(torch::arange(x.numel(), x.options()), 1 << 20) + 1.0;  // (numel)
        s += x.sum().item<double>();
        s2 += (x * x).sum().item<double>();
        si += (x * w).sum().item<double>();
    }
    return {s, s2, si};
}

std::string compareReplicas(Communicator& comm, const std::vector<torch::Tensor>& parameters) {
    if (comm.worldSize() == 1) return "";
    const std::vector<double> mine = parameterChecksum(parameters);
    std::vector<torch::Tensor> root{torch::tensor(mine, torch::kDouble)};  // (3)
    comm.broadcast(root, 0);
    double differs = 0.0;
    const auto r = root[0].accessor<double, 1>();
    for (size_t i = 0; i < mine.size(); ++i) differs = std::max(differs, std::abs(mine[i] - r[static_cast<int64_t>(i)]));
    // Every rank learns every rank's difference (slot per rank), so all of them report alike.
    std::vector<torch::Tensor> diffs{torch::zeros({comm.worldSize()}, torch::kDouble)};  // (W)
    diffs[0][comm.rank()] = differs;
    comm.allReduceSum(diffs);
    std::ostringstream os;
    os.precision(3);
    const auto d = diffs[0].accessor<double, 1>();
    for (int k = 0; k < comm.worldSize(); ++k)
        if (d[k] != 0.0) os << (os.tellp() > 0 ? ", " : "") << "rank " << k << " differs from rank 0 by " << d[k];
    return os.str();
}

}  // namespace gcpo::dist
