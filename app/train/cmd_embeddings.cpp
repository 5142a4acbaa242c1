// gcpo-train embeddings: how well each embedding backend's kernel agrees with the verifier's count
// of distinct correct answers, on the rollout groups a run database stored (before training with it).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "rl/answer_embedding.h"
#include "rl/embedding_agreement.h"
#include "rl/ngram_embedding.h"
#include "rl/run_config.h"
#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

using rl::EmbeddingBackend;

struct Options {
    std::string db, format = "text";
    std::vector<int64_t> runs;
    std::vector<std::string> backends;
    double threshold = 0.99;
    int dim = 0;
};

std::string fmt(double v, const char* f = "%.3f") {
    if (!std::isfinite(v)) return "-";
    char b[48];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

// Why `backend` cannot be computed for a run's stored group ("" when it can).
std::string unavailable(EmbeddingBackend backend, EmbeddingBackend stored, bool haveStored) {
    const bool needsHidden = backend == EmbeddingBackend::PolicyHidden || backend == EmbeddingBackend::PolicyHiddenCentred;
    if (!needsHidden) return "";
    if (!haveStored) return "the run stored no embeddings";
    if (stored == EmbeddingBackend::PolicyHidden || stored == backend) return "";
    return "the run stored " + rl::toString(stored) + " embeddings, and policy hidden states need the model (not recomputed)";
}

// The group's embeddings (G x dim) under `backend`, from what the store kept.
std::vector<double> embedGroup(EmbeddingBackend backend, EmbeddingBackend stored, const std::vector<store::RolloutRecord>& group,
                               int textDim, int* dim) {
    std::vector<double> out;
    const int g = static_cast<int>(group.size());
    if (backend == EmbeddingBackend::NgramHash || backend == EmbeddingBackend::CanonicalAnswer) {
        *dim = textDim;
        for (const auto& r : group) {
            const auto e = backend == EmbeddingBackend::NgramHash ? rl::ngramHashEmbedding(r.completion, textDim)
                                                                  : rl::canonicalAnswerEmbedding(r.canonicalAnswer, textDim);
            out.insert(out.end(), e.begin(), e.end());
        }
        return out;
    }
    *dim = static_cast<int>(group.front().embedding.size());
    for (const auto& r : group) {
        if (static_cast<int>(r.embedding.size()) != *dim)
            throw std::runtime_error("stored embeddings of one group differ in size");
        out.insert(out.end(), r.embedding.begin(), r.embedding.end());
    }
    // Centred over the whole group (wrong rollouts included), as the trainer centres it.
    if (backend == EmbeddingBackend::PolicyHiddenCentred && stored == EmbeddingBackend::PolicyHidden)
        rl::centreRowsPerGroup(out, g, *dim, g);
    return out;
}

struct BackendResult {
    std::string name;
    std::vector<rl::GroupAgreement> groups;
    std::map<int64_t, std::string> skippedRuns;  // run id -> why
};

void printText(const Options& o, const std::vector<int64_t>& runs, const std::vector<BackendResult>& results) {
    std::ostringstream os;
    os << o.db << ": runs";
    for (int64_t id : runs) os << " " << id;
    os << "; groups with >= 2 correct rollouts, over their correct rollouts; clusters at cosine >= " << fmt(o.threshold, "%.4g")
       << "\n";
    const std::vector<std::string> head = {"backend",  "family",      "groups",          "distinct",
                                           "clusters", "exact match", "spearman(clus.)", "verifier vendi",
                                           "vendi",    "|vendi gap|", "spearman(vendi)"};
    std::vector<std::vector<std::string>> rows = {head};
    for (const auto& b : results)
        for (const auto& s : rl::summariseAgreement(b.groups))
            rows.push_back({b.name, s.family, std::to_string(s.groups), fmt(s.meanVerifierDistinct), fmt(s.meanKernelClusters),
                            fmt(s.exactMatchRate), fmt(s.spearmanClusters), fmt(s.meanVerifierVendi), fmt(s.meanKernelVendi),
                            fmt(s.meanAbsVendiGap), fmt(s.spearmanVendi)});
    os << cli::alignedTable(rows);
    for (const auto& b : results) {
        if (b.groups.empty()) os << "note: " << b.name << ": no group to measure\n";
        for (const auto& [id, why] : b.skippedRuns) os << "note: " << b.name << ": run " << id << " left out: " << why << "\n";
    }
    os << "distinct: the verifier's distinct canonical answers; clusters: the kernel's; spearman: over groups, against "
          "distinct ('-' when constant)\n";
    std::cout << os.str();
}

nlohmann::json toJson(const Options& o, const std::vector<int64_t>& runs, const std::vector<BackendResult>& results) {
    auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json out = {{"db", o.db}, {"runs", runs}, {"threshold", o.threshold}, {"backends", nlohmann::json::array()}};
    for (const auto& b : results) {
        nlohmann::json jb = {
            {"backend", b.name}, {"families", nlohmann::json::array()}, {"skipped_runs", nlohmann::json::object()}};
        for (const auto& s : rl::summariseAgreement(b.groups))
            jb["families"].push_back({{"family", s.family},
                                      {"groups", s.groups},
                                      {"mean_verifier_distinct", num(s.meanVerifierDistinct)},
                                      {"mean_kernel_clusters", num(s.meanKernelClusters)},
                                      {"exact_match_rate", num(s.exactMatchRate)},
                                      {"spearman_clusters", num(s.spearmanClusters)},
                                      {"mean_verifier_vendi", num(s.meanVerifierVendi)},
                                      {"mean_kernel_vendi", num(s.meanKernelVendi)},
                                      {"mean_abs_vendi_gap", num(s.meanAbsVendiGap)},
                                      {"spearman_vendi", num(s.spearmanVendi)}});
        for (const auto& [id, why] : b.skippedRuns) jb["skipped_runs"][std::to_string(id)] = why;
        out["backends"].push_back(std::move(jb));
    }
    return out;
}

void run(Options& o) {
    if (o.format != "text" && o.format != "json")
        throw ExitError(kExitBadInput, "--format: expected text or json, got '" + o.format + "'");
    if (!(o.threshold > 0.0 && o.threshold <= 1.0)) throw ExitError(kExitBadInput, "--threshold: expected a cosine in (0, 1]");
    if (o.backends.empty()) o.backends = {"ngram-hash", "canonical-answer", "policy-hidden", "policy-hidden-centred"};
    std::vector<EmbeddingBackend> backends;
    for (const auto& name : o.backends) {
        try {
            backends.push_back(nlohmann::json(name).get<EmbeddingBackend>());
        } catch (const std::exception&) {
            backends.push_back(EmbeddingBackend::PolicyHidden);
        }
        if (rl::toString(backends.back()) != name)
            throw ExitError(kExitBadInput, "--backend: unknown backend '" + name +
                                               "' (known: policy-hidden, ngram-hash, canonical-answer, policy-hidden-centred)");
    }
    std::unique_ptr<store::RunStore> s;
    try {
        s = std::make_unique<store::RunStore>(o.db, store::RunStore::Mode::Read);
    } catch (const std::exception& e) {
        throw ExitError(kExitBadInput, e.what());
    }
    const store::RunStore::ReadTransaction snapshot(*s);
    if (o.runs.empty())
        for (const auto& info : s->listRuns()) o.runs.push_back(info.id);
    for (int64_t id : o.runs)
        if (!s->hasRun(id)) throw ExitError(kExitBadInput, o.db + ": no run " + std::to_string(id));
    if (o.runs.empty()) throw ExitError(kExitBadInput, o.db + ": the database holds no run");

    std::vector<BackendResult> results;
    for (const auto& name : o.backends) results.push_back({name, {}, {}});
    for (int64_t id : o.runs) {
        rl::RunConfig config = rl::defaultRunConfig();
        try {
            config = rl::resolveRunConfig(nlohmann::json::parse(s->runInfo(id).configJson));
        } catch (const std::exception& e) {
            throw ExitError(kExitBadInput,
                            o.db + ": run " + std::to_string(id) + ": its stored config is not valid: " + e.what());
        }
        const int textDim = o.dim > 0 ? o.dim : config.gcpo.ngramDim;
        for (const auto& step : s->steps(id)) {
            if (!step.hasRollouts) continue;
            const auto groups = s->groups(id, step.step);
            std::map<int32_t, std::vector<store::RolloutRecord>> byGroup;
            for (auto& r : s->rollouts(id, step.step)) byGroup[r.groupIndex].push_back(std::move(r));
            for (const auto& gr : groups) {
                const auto it = byGroup.find(gr.groupIndex);
                if (it == byGroup.end()) continue;
                const auto& rollouts = it->second;
                bool haveStored = true;
                for (const auto& r : rollouts) haveStored = haveStored && !r.embedding.empty();
                std::vector<size_t> correct;
                for (size_t i = 0; i < rollouts.size(); ++i)
                    if (rollouts[i].correct) correct.push_back(i);
                if (correct.size() < 2) continue;
                for (size_t b = 0; b < backends.size(); ++b) {
                    if (const std::string why = unavailable(backends[b], config.gcpo.embedding, haveStored); !why.empty()) {
                        results[b].skippedRuns.emplace(id, why);
                        continue;
                    }
                    int dim = 0;
                    const std::vector<double> all = embedGroup(backends[b], config.gcpo.embedding, rollouts, textDim, &dim);
                    std::vector<double> emb;
                    std::vector<std::string> canonical;
                    for (size_t i : correct) {
                        emb.insert(emb.end(), all.begin() + i * dim, all.begin() + (i + 1) * dim);
                        canonical.push_back(rollouts[i].canonicalAnswer);
                    }
                    results[b].groups.push_back(rl::groupAgreement(gr.family, canonical, emb, dim, o.threshold));
                }
            }
        }
    }
    if (o.format == "json") std::cout << toJson(o, o.runs, results).dump(2) << "\n";
    else printText(o, o.runs, results);
}

void addEmbeddingsCommand(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("embeddings",
                                   "Agreement of embedding backends with the verifier's distinct correct answers, "
                                   "on stored rollout groups");
    cmd->add_option("--db", o->db, "SQLite run database (read only)")->required();
    cmd->add_option("--run", o->runs, "run id (repeatable; default: every run)");
    cmd->add_option("--backend", o->backends,
                    "ngram-hash, canonical-answer, policy-hidden or policy-hidden-centred (repeatable; default: all)");
    cmd->add_option("--threshold", o->threshold, "cosine at which two rollouts fall in one kernel cluster")
        ->capture_default_str();
    cmd->add_option("--dim", o->dim, "dimension of ngram-hash and canonical-answer (default: each run's gcpo.ngram_dim)")
        ->check(CLI::Range(8, 65536));
    cmd->add_option("--format", o->format, "text or json")->capture_default_str();
    cmd->footer(
        "For every stored group with >= 2 correct rollouts, over its correct rollouts: the verifier's number of\n"
        "distinct canonical answers vs the kernel's clusters (connected at cosine >= threshold) and Vendi score,\n"
        "per backend and task family: exact-match rate, Spearman correlations, mean |Vendi gap| against the\n"
        "verifier's Vendi. ngram-hash and canonical-answer are recomputed from the stored completions and\n"
        "canonical answers; policy-hidden(-centred) use the embeddings a policy-hidden run stored (the model is\n"
        "not rerun). Reads the database, never writes it.");
    cmd->callback([o] { run(*o); });
}

}  // namespace

GCPO_REGISTER_COMMAND(72, addEmbeddingsCommand);

}  // namespace gcpo::cli
