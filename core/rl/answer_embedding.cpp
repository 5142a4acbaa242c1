// canonical-answer embeddings (a hashed unit vector per canonical answer) and group centring.
#include "rl/answer_embedding.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace gcpo::rl {

const char* const kNoAnswerKey = "\x01no parseable answer\x01";

namespace {

uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

uint64_t splitMix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

std::vector<double> hashedKeyEmbedding(const std::string& key, int dim) {
    std::vector<double> v(dim > 0 ? dim : 0, 0.0);
    if (dim <= 0) return v;
    const double amplitude = 1.0 / std::sqrt(static_cast<double>(dim));
    uint64_t state = fnv1a(key);
    uint64_t bits = 0;
    for (int i = 0; i < dim; ++i) {
        if (i % 64 == 0) bits = splitMix64(state);
        v[i] = (bits >> (i % 64)) & 1u ? amplitude : -amplitude;
    }
    return v;
}

std::vector<double> canonicalAnswerEmbedding(const std::string& canonical, int dim) {
    return hashedKeyEmbedding(canonical.empty() ? std::string(kNoAnswerKey) : canonical, dim);
}

void centreRowsPerGroup(std::vector<double>& emb, int rows, int dim, int groupSize) {
    if (rows < 0 || dim < 0 || groupSize < 1 || rows % groupSize != 0 ||
        emb.size() != static_cast<size_t>(rows) * static_cast<size_t>(dim))
        throw std::invalid_argument("centreRowsPerGroup: expected whole groups of " + std::to_string(groupSize) + " rows of " +
                                    std::to_string(dim) + " values");
    std::vector<double> mean(dim);
    for (int first = 0; first < rows; first += groupSize) {
        std::fill(mean.begin(), mean.end(), 0.0);
        for (int r = first; r < first + groupSize; ++r)
            for (int k = 0; k < dim; ++k) mean[k] += emb[static_cast<size_t>(r) * dim + k];
        for (double& m : mean) m /= groupSize;
        for (int r = first; r < first + groupSize; ++r) {
            double* row = emb.data() + static_cast<size_t>(r) * dim;
            double norm = 0.0;
            for (int k = 0; k < dim; ++k) {
                row[k] -= mean[k];
                norm += row[k] * row[k];
            }
            norm = std::sqrt(norm);
            // Rounding leaves a tiny residue on a row equal to the mean: treat it as zero.
            double scale = 0.0;
            for (int k = 0; k < dim; ++k) scale = std::max(scale, std::abs(mean[k]));
            for (int k = 0; k < dim; ++k) row[k] = norm > 1e-12 * std::max(1.0, scale) ? row[k] / norm : 0.0;
        }
    }
}

}  // namespace gcpo::rl
