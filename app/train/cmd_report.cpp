// gcpo-train report: the statistics of an experiment over seeds (per arm mean, std and t-based
// 95 % CI; per pair of arms the paired delta with a bootstrap CI and a sign-flip p-value; per
// prompt deltas) as text, JSON or CSV. Without experiments, finished runs grouped by algorithm.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "stats/experiment_report.h"
#include "store/experiment_store.h"
#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

struct Options {
    std::string db, format = "text", experiment;
    int64_t step = -1, seed = 0x9e3779b97f4a7c15ll;
    int resamples = 10000;
    bool byAlgorithm = false, perFamily = false;
    std::vector<std::string> metrics;
};

std::string fmt(double v, const char* f = "%.3f") {
    if (!std::isfinite(v)) return "-";
    char b[48];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string num(double v) {
    if (!std::isfinite(v)) return "";
    char b[32];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

void printText(const stats::ExperimentReport& r) {
    std::ostringstream os;
    if (r.experimentId) os << "experiment " << r.experimentId << " '" << r.name << "'";
    else os << r.name << ": finished runs grouped by algorithm, paired by seed";
    os << ", " << (r.evalStep < 0 ? std::string("final evaluation") : "evaluation at step " + std::to_string(r.evalStep))
       << "\narms: mean ± std [" << fmt(100 * r.confidence, "%.0f")
       << " % t CI] over seeds; pairs: mean paired delta [bootstrap CI], sign-flip p\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head = {"metric"};
    for (const auto& a : r.arms) head.push_back(a.name + " (n=" + std::to_string(a.seeds.size()) + ")");
    for (const auto& p : r.pairs) head.push_back(p.armB + " - " + p.armA + " (n=" + std::to_string(p.seeds.size()) + ")");
    rows.push_back(head);
    for (const auto& m : r.metrics) {
        std::vector<std::string> row = {m};
        for (const auto& a : r.arms) {
            const auto& s = a.summary.at(m);
            row.push_back(fmt(s.mean) + " ± " + fmt(s.std) + " [" + fmt(s.ciLow) + ", " + fmt(s.ciHigh) + "]");
        }
        for (const auto& p : r.pairs) {
            const auto& c = p.byMetric.at(m);
            // One paired seed has no interval: its degenerate [d, d] must not read as significant.
            const bool excludesZero = p.seeds.size() >= 2 && (c.ciLow > 0 || c.ciHigh < 0);
            row.push_back(fmt(c.deltaMean, "%+.3f") + " [" + fmt(c.ciLow, "%+.3f") + ", " + fmt(c.ciHigh, "%+.3f") +
                          "] p=" + fmt(c.pValue) + (excludesZero ? " *" : ""));
        }
        rows.push_back(row);
    }
    bool anyMarked = false;
    for (const auto& p : r.pairs)
        for (const auto& [m, c] : p.byMetric) anyMarked = anyMarked || (p.seeds.size() >= 2 && (c.ciLow > 0 || c.ciHigh < 0));
    os << cli::alignedTable(rows);
    if (anyMarked) os << "* the delta's CI excludes 0\n";
    for (const auto& p : r.pairs)
        for (size_t k = 0; k < p.ks.size(); ++k)
            os << "per prompt, pass@" << p.ks[k] << " (" << p.prompts.size() << " prompts, mean over " << p.seeds.size()
               << " seeds): " << p.armB << " higher on " << p.better[k] << ", lower on " << p.worse[k] << ", equal on "
               << p.same[k] << "\n";
    for (const auto& n : r.notes) os << "note: " << n << "\n";
    std::cout << os.str();
}

void printCsv(const stats::ExperimentReport& r) {
    std::ostringstream os;
    os << "kind,metric,arm,baseline,prompt_index,task_id,n,mean,std,ci_low,ci_high,p_value,mean_arm,mean_baseline\n";
    for (const auto& a : r.arms)
        for (const auto& m : r.metrics) {
            const auto& s = a.summary.at(m);
            os << "arm," << csvField(m) << "," << csvField(a.name) << ",,,," << s.n << "," << num(s.mean) << "," << num(s.std)
               << "," << num(s.ciLow) << "," << num(s.ciHigh) << ",,,\n";
        }
    for (const auto& p : r.pairs) {
        for (const auto& m : r.metrics) {
            const auto& c = p.byMetric.at(m);
            os << "pair," << csvField(m) << "," << csvField(p.armB) << "," << csvField(p.armA) << ",,," << c.n << ","
               << num(c.deltaMean) << "," << num(c.deltaStd) << "," << num(c.ciLow) << "," << num(c.ciHigh) << ","
               << num(c.pValue) << ",,\n";
        }
        for (const auto& pd : p.prompts)
            for (size_t k = 0; k < p.ks.size(); ++k)
                os << "prompt,pass@" << p.ks[k] << "," << csvField(p.armB) << "," << csvField(p.armA) << "," << pd.promptIndex
                   << "," << csvField(pd.taskId) << "," << p.seeds.size() << "," << num(pd.delta[k]) << ",,,,,"
                   << num(pd.meanB[k]) << "," << num(pd.meanA[k]) << "\n";
    }
    std::cout << os.str();
}

void addReportCommand(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("report",
                                   "Statistics over seeds of an experiment: per arm mean, std, 95 % CI; "
                                   "paired deltas with bootstrap CI and sign-flip p-value");
    cmd->add_option("--db", o->db, "SQLite run database (read only)")->required();
    cmd->add_option("--experiment", o->experiment,
                    "experiment id, name, or definition file (default: the latest; see `gcpo-train experiment`)");
    cmd->add_flag("--by-algorithm", o->byAlgorithm, "ignore experiments: finished runs grouped by algorithm and paired by seed");
    cmd->add_option("--format", o->format, "text, json or csv")->capture_default_str();
    cmd->add_option("--metric", o->metrics, "eval metrics to report (repeatable; default: every one stored)");
    cmd->add_flag(
        "--per-family", o->perFamily,
        "also each task family's pass@k and distinct correct answers (\"countdown/pass@8\"), from the stored eval samples");
    cmd->add_option("--step", o->step, "use the evaluation at this step (0: the initial policy; default: each run's last)");
    cmd->add_option("--resamples", o->resamples, "bootstrap resamples")->capture_default_str()->check(CLI::Range(100, 10000000));
    cmd->add_option("--seed", o->seed, "seed of the bootstrap and of Monte Carlo sign-flip tests");
    cmd->footer(
        "Arms' CIs are t-based; pairs (same seed in both arms) get a paired percentile bootstrap CI and a\n"
        "two-sided sign-flip permutation p-value (exact over all 2^n sign patterns for n <= 20 seeds, else\n"
        "100000 seeded Monte Carlo patterns). Only finished runs count. Reads the database, never writes it.");
    cmd->callback([o] {
        if (o->format != "text" && o->format != "json" && o->format != "csv")
            throw ExitError(kExitBadInput, "--format: expected text, json or csv, got '" + o->format + "'");
        std::unique_ptr<store::RunStore> s;
        try {
            s = std::make_unique<store::RunStore>(o->db, store::RunStore::Mode::Read);
        } catch (const std::exception& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        stats::ReportOptions ro;
        ro.metrics = o->metrics;
        ro.evalStep = o->step;
        ro.perFamily = o->perFamily;
        ro.paired.resamples = o->resamples;
        ro.paired.seed = static_cast<uint64_t>(o->seed);
        stats::ExperimentReport r;
        const auto experiments = store::listExperiments(*s);
        if (!o->experiment.empty() && o->byAlgorithm)
            throw ExitError(kExitBadInput, "--experiment and --by-algorithm exclude each other");
        int64_t id = 0;
        if (std::filesystem::is_regular_file(o->experiment)) {  // a definition file: the experiment it names
            const auto def = nlohmann::json::parse(readFileOrStdin(o->experiment), nullptr, false);
            if (!def.is_object() || !def.contains("name") || !def["name"].is_string())
                throw ExitError(kExitBadInput, o->experiment + ": not an experiment definition with a \"name\"");
            o->experiment = def["name"].get<std::string>();
        }
        if (!o->experiment.empty()) {
            const bool digits = o->experiment.find_first_not_of("0123456789") == std::string::npos;
            id = digits ? std::stoll(o->experiment) : store::findExperiment(*s, o->experiment);
            if (id == 0) throw ExitError(kExitBadInput, o->db + ": no experiment named '" + o->experiment + "'");
        }
        try {
            if (id > 0) r = stats::buildExperimentReport(*s, id, ro);
            else if (!o->byAlgorithm && !experiments.empty()) r = stats::buildExperimentReport(*s, experiments.back().id, ro);
            else r = stats::buildAlgorithmReport(*s, ro);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        bool any = false;
        for (const auto& a : r.arms) any = any || !a.seeds.empty();
        if (!any) throw ExitError(kExitFailure, o->db + ": no finished run with evaluations to report on");
        if (o->format == "json") std::cout << stats::toJson(r).dump(2) << "\n";
        else if (o->format == "csv") printCsv(r);
        else printText(r);
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(70, addReportCommand);

}  // namespace gcpo::cli
