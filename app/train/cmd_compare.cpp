// gcpo-train runs compare: two stored runs compared number by number, and their final parameters
// (e.g. a data-parallel run against one process on the same global batch).
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/parameter_diff.h"
#include "store/run_diff.h"
#include "train/cli_util.h"
#include "train/commands.h"
#include "util/json_guard.h"

namespace gcpo::cli {

namespace {

store::RunStore openForComparison(const std::string& path) {
    try {
        return store::RunStore::openForReading(path);
    } catch (const std::exception& e) {
        throw ExitError(kExitBadInput, e.what());
    }
}

// The final checkpoints' parameters, or a mismatch when the runs do not end in checkpoints of one step.
nlohmann::json compareFinalParameters(const store::RunStore& a, int64_t runA, const store::RunStore& b, int64_t runB,
                                      store::RunDiff& diff, double* maxAbs) {
    const auto ca = a.checkpoints(runA), cb = b.checkpoints(runB);
    if (ca.empty() || cb.empty()) {
        diff.mismatch("final parameters: a run has no checkpoint");
        return nullptr;
    }
    if (ca.back().step != cb.back().step) {
        diff.mismatch("final parameters: the last checkpoints are of steps " + std::to_string(ca.back().step) + " and " +
                      std::to_string(cb.back().step));
        return nullptr;
    }
    try {
        const model::ParameterDiff p = model::diffParameters(ca.back().path, cb.back().path);
        *maxAbs = p.maxAbs;
        return {{"max_abs", p.maxAbs}, {"where", p.where}, {"compared", p.values}, {"step", ca.back().step}};
    } catch (const std::exception& e) {
        diff.mismatch(std::string("final parameters: ") + e.what());
        return nullptr;
    }
}

void addCompareCommand(CLI::App& app) {
    struct Opts {
        std::string db, with;
        int64_t run = 0, withRun = 0;
        double tolerance = 1e-5;
        bool parameters = true;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = app.get_subcommand("runs")->add_subcommand(
        "compare", "Compare two stored runs: metrics, groups, rollouts, evaluations and final parameters");
    cmd->add_option("--db", o->db, "Run database of the first run")->required();
    cmd->add_option("--run", o->run, "First run id")->required();
    cmd->add_option("--with", o->with, "Run database of the second run (default: --db)");
    cmd->add_option("--with-run", o->withRun, "Second run id")->required();
    cmd->add_option("--tolerance", o->tolerance, "Largest absolute difference accepted")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--parameters,!--no-parameters", o->parameters,
                  "Also compare the parameters of the two runs' last checkpoints (default: on)");
    cmd->footer(
        "Prints one JSON object: the largest absolute difference per kind (metrics without timings,\n"
        "groups, rollouts, embeddings, evals, parameters) with where it is, and the mismatches (steps,\n"
        "keys, counts or texts that differ). Exit 0 when every difference is within --tolerance and\n"
        "nothing mismatches, 1 when the runs differ, 2 for a bad database or run id.");
    cmd->callback([o] {
        const std::string withPath = o->with.empty() ? o->db : o->with;
        const store::RunStore a = openForComparison(o->db);
        const store::RunStore b = openForComparison(withPath);
        if (!a.hasRun(o->run)) throw ExitError(kExitBadInput, o->db + ": no run with id " + std::to_string(o->run));
        if (!b.hasRun(o->withRun)) throw ExitError(kExitBadInput, withPath + ": no run with id " + std::to_string(o->withRun));
        store::RunDiff diff = store::diffRuns(a, o->run, b, o->withRun);
        double parameterMax = 0.0;
        nlohmann::json parameters = nullptr;
        if (o->parameters) parameters = compareFinalParameters(a, o->run, b, o->withRun, diff, &parameterMax);
        nlohmann::json out = diff.toJson();
        out["parameters"] = parameters;
        const double worst = std::max(diff.maxAbs(), parameterMax);
        out["max_abs"] = worst;
        out["tolerance"] = o->tolerance;
        const bool same = worst <= o->tolerance && diff.mismatchCount == 0;
        out["same"] = same;
        std::cout << util::dumpSafe(out, 2) << "\n";
        std::cout.flush();
        if (!same) {
            std::ostringstream os;
            os << "the runs differ: largest difference " << worst << " (tolerance " << o->tolerance << "), " << diff.mismatchCount
               << " mismatches";
            throw ExitError(kExitFailure, os.str());
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(62, addCompareCommand);

}  // namespace gcpo::cli
