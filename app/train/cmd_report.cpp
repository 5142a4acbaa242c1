// gcpo-train report: final evaluation of every finished run, grouped by algorithm, mean ± std over
// runs (seeds): the table the README quotes for GCPO vs GRPO.
#include <cmath>
#include <cstdio>
#include <map>

#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

void addReportCommand(CLI::App& app) {
    auto db = std::make_shared<std::string>();
    auto metrics = std::make_shared<std::vector<std::string>>(
        std::vector<std::string>{"pass@1", "pass@8", "distinct_correct", "solution_coverage", "vendi"});
    auto baseline = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("report", "Final evaluation of finished runs per algorithm: mean ± std over runs (seeds)");
    cmd->add_option("--db", *db, "SQLite run database")->required();
    cmd->add_option("--metric", *metrics, "eval metrics to show (repeatable)");
    cmd->add_flag("--with-start", *baseline, "also show the step-0 evaluation (the initial policy)");
    cmd->callback([db, metrics, baseline] {
        std::unique_ptr<store::RunStore> s;
        try {
            s = std::make_unique<store::RunStore>(*db, store::RunStore::Mode::Read);
        } catch (const std::exception& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        // algorithm -> metric -> values over runs
        std::map<std::string, std::map<std::string, std::vector<double>>> table;
        std::map<std::string, int> runs;
        for (const auto& r : s->listRuns()) {
            if (r.status != store::RunStatus::Finished) continue;
            const std::vector<store::EvalRow> rows = s->evals(r.id);
            if (rows.empty()) continue;
            const int64_t last = rows.back().step;
            ++runs[r.algorithm];
            for (const auto& e : rows) {
                if (e.step == last) table[r.algorithm][e.metric].push_back(e.value);
                if (*baseline && e.step == 0) table["(start)"][e.metric].push_back(e.value);
            }
            if (*baseline) ++runs["(start)"];
        }
        if (table.empty()) throw ExitError(kExitFailure, *db + ": no finished run with evaluations");
        std::printf("%-22s %5s", "algorithm", "runs");
        for (const auto& m : *metrics) std::printf(" %20s", m.c_str());
        std::printf("\n");
        for (const auto& [alg, byMetric] : table) {
            std::printf("%-22s %5d", alg.c_str(), runs[alg]);
            for (const auto& m : *metrics) {
                auto it = byMetric.find(m);
                if (it == byMetric.end() || it->second.empty()) {
                    std::printf(" %20s", "-");
                    continue;
                }
                const auto& v = it->second;
                double mean = 0, ss = 0;
                for (double x : v) mean += x;
                mean /= v.size();
                for (double x : v) ss += (x - mean) * (x - mean);
                const double sd = v.size() > 1 ? std::sqrt(ss / (v.size() - 1)) : 0.0;
                char cell[64];
                std::snprintf(cell, sizeof cell, "%.3f ± %.3f", mean, sd);
                std::printf(" %20s", cell);
            }
            std::printf("\n");
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(70, addReportCommand);

}  // namespace gcpo::cli
