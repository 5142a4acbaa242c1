// The ngram-hash embedding backend: hashed character 1-3-gram counts, L2-normalised.
#pragma once

#include <string>
#include <vector>

namespace gcpo::rl {

// dim floats; an empty text gives the zero vector. FNV-1a hashing, so stable across platforms.
std::vector<double> ngramHashEmbedding(const std::string& text, int dim);

}  // namespace gcpo::rl
