// Gradient all-reduce as DDP does it: gradients flattened into buckets of about bucketBytes (per
// device and dtype, in parameter order), one all-reduce per bucket, copied back. And a parameter
// checksum that tells whether every rank still holds the same weights. Internal to the core.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "dist/communicator.h"

namespace gcpo::dist {

constexpr int64_t kDefaultBucketBytes = 25ll << 20;  // DDP's default bucket cap (25 MiB)

// Sums every parameter's gradient over the ranks, in place (a parameter without a gradient counts
// as zeros and receives the sum). The caller scales the losses so that the sum is the gradient of
// the global loss. Does nothing on one rank. Returns the seconds spent (flatten + all-reduce + copy).
double allReduceGradients(Communicator& comm, const std::vector<torch::Tensor>& parameters,
                          int64_t bucketBytes = kDefaultBucketBytes);

// (Σ p, Σ p², Σ p·(i+1)) over the parameters' elements in float64, i the flat index mod 2^20:
// equal weights give equal triples on every rank (same code, same order).
std::vector<double> parameterChecksum(const std::vector<torch::Tensor>& parameters);

// Broadcasts rank 0's checksum and compares it on every rank (a collective). Returns "" when all
// ranks agree, else which ranks differ and by how much.
std::string compareReplicas(Communicator& comm, const std::vector<torch::Tensor>& parameters);

}  // namespace gcpo::dist
