// Hashed character n-gram embeddings (n = 1..3), L2-normalised.
#include "rl/ngram_embedding.h"

#include <cmath>
#include <cstdint>

namespace gcpo::rl {

std::vector<double> ngramHashEmbedding(const std::string& text, int dim) {
    std::vector<double> v(dim > 0 ? dim : 0, 0.0);
    if (dim <= 0) return v;
    for (size_t n = 1; n <= 3; ++n)
        for (size_t i = 0; i + n <= text.size(); ++i) {
            uint64_t h = 1469598103934665603ull ^ n;  // FNV-1a, seeded by n
            for (size_t k = 0; k < n; ++k) h = (h ^ static_cast<unsigned char>(text[i + k])) * 1099511628211ull;
            v[h % static_cast<uint64_t>(dim)] += 1.0;
        }
    double norm = 0.0;
    for (double x : v) norm += x * x;
    if (norm > 0.0)
        for (double& x : v) x /= std::sqrt(norm);
    return v;
}

}  // namespace gcpo::rl
