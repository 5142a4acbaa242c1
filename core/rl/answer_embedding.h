// The text-side embedding backends beyond ngram-hash: canonical-answer (one unit vector per
// solution the verifier tells apart) and the group centring of policy-hidden-centred.
// Plain C++ (no LibTorch): the trainer and `gcpo-train embeddings` compute them alike.
#pragma once

#include <string>
#include <vector>

namespace gcpo::rl {

// What canonical-answer embeds for a completion without a parseable answer (the verifier's
// canonical form is empty then): every such completion of a group shares this one key, so
// unparseable text is never paid for as a new solution, however it is spelled.
extern const char* const kNoAnswerKey;

// A unit vector of `dim` entries ±1/sqrt(dim), the signs drawn from a SplitMix64 stream seeded by
// the FNV-1a hash of `key`: equal keys give identical vectors, different keys near-orthogonal ones
// (cosine mean 0, standard deviation 1/sqrt(dim): 0.044 at dim 512). Portable (no std::hash).
std::vector<double> hashedKeyEmbedding(const std::string& key, int dim);

// canonical-answer: hashedKeyEmbedding of the verifier's canonical form of the answer (the same
// for every answer the verifier counts as one solution: countdown expressions up to commutative
// and associative reordering, spacing and redundant parentheses; sum-decomposition terms as a
// sorted multiset; numbers normalised), or of kNoAnswerKey when `canonical` is empty. Unlike
// character n-grams (where "2+5+7" and "2+5+8" have cosine ~0.8), different solutions are
// near-orthogonal, so the coverage game counts distinct solutions with diminishing returns for
// repeats. A wrong but parseable answer has a canonical form and embeds it like any other.
std::vector<double> canonicalAnswerEmbedding(const std::string& canonical, int dim);

// policy-hidden-centred: row-major (rows x dim) embeddings in groups of `groupSize` consecutive
// rows; each row has its group's mean subtracted, then is L2-normalised (a row equal to its
// group's mean becomes the zero vector, which the cosine kernel treats as covering nothing).
// Throws std::invalid_argument unless rows is a multiple of groupSize and the size matches.
void centreRowsPerGroup(std::vector<double>& embeddings, int rows, int dim, int groupSize);

}  // namespace gcpo::rl
