// Export of one stored run to CSV or JSON Lines (layout documented in export.h).
#include "store/export.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace gcpo::store {

namespace {

using Json = nlohmann::json;

// Shortest text that reads back to the same double; "" for NaN, "inf"/"-inf" for infinities.
std::string num(double v) {
    if (std::isnan(v)) return "";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return Json(v).dump();
}

Json jnum(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string joinFloats(const std::vector<float>& e) {
    std::string s;
    for (size_t i = 0; i < e.size(); ++i) {
        if (i) s += ' ';
        s += Json(e[i]).dump();
    }
    return s;
}

Json floatsJson(const std::vector<float>& e) {
    Json a = Json::array();
    for (float f : e) a.push_back(jnum(f));
    return a;
}

// One table's rows, written either as a CSV section or as JSONL objects with a "table" member.
struct Table {
    std::string name;  // section name in CSV ("metrics"), per-line tag in JSONL ("metric")
    std::string tag;
    std::vector<std::string> columns;
    // Calls row(fields as CSV text, the same row as JSON) for each row.
    std::function<void(const std::function<void(const std::vector<std::string>&, Json&&)>&)> rows;
};

std::vector<Table> tablesOf(const RunStore& store, int64_t runId, const ExportOptions& opts) {
    std::vector<Table> t;
    t.push_back({"metrics", "metric", {"step", "key", "value", "wall_time"}, [&store, runId](const auto& emit) {
                     for (const MetricRow& m : store.metricsSince(runId, -1))
                         emit({std::to_string(m.step), m.key, num(m.value), num(m.wallTime)},
                              Json{{"step", m.step}, {"key", m.key}, {"value", jnum(m.value)}, {"wall_time", jnum(m.wallTime)}});
                 }});
    t.push_back({"evals", "eval", {"step", "metric", "value"}, [&store, runId](const auto& emit) {
                     for (const EvalRow& e : store.evals(runId))
                         emit({std::to_string(e.step), e.metric, num(e.value)},
                              Json{{"step", e.step}, {"metric", e.metric}, {"value", jnum(e.value)}});
                 }});
    t.push_back({"groups",
                 "group",
                 {"step", "group_index", "task_id", "family", "prompt", "reward_mean", "reward_std", "correct_count",
                  "team_coverage", "zero_std"},
                 [&store, runId](const auto& emit) {
                     for (const StepInfo& st : store.steps(runId))
                         for (const GroupRecord& g : store.groups(runId, st.step))
                             emit({std::to_string(st.step), std::to_string(g.groupIndex), g.taskId, g.family, g.prompt,
                                   num(g.rewardMean), num(g.rewardStd), std::to_string(g.correctCount), num(g.teamCoverage),
                                   g.zeroStd ? "1" : "0"},
                                  Json{{"step", st.step},
                                       {"group_index", g.groupIndex},
                                       {"task_id", g.taskId},
                                       {"family", g.family},
                                       {"prompt", g.prompt},
                                       {"reward_mean", jnum(g.rewardMean)},
                                       {"reward_std", jnum(g.rewardStd)},
                                       {"correct_count", g.correctCount},
                                       {"team_coverage", jnum(g.teamCoverage)},
                                       {"zero_std", g.zeroStd}});
                 }});
    std::vector<std::string> rolloutColumns = {
        "step",           "group_index", "rollout_index", "reward",           "correct",    "grpo_advantage", "gcpo_credit",
        "advantage_used", "length",      "parsed_answer", "canonical_answer", "completion", "embedding_dim"};
    if (opts.includeEmbeddings) rolloutColumns.push_back("embedding");
    const bool withEmb = opts.includeEmbeddings;
    t.push_back({"rollouts", "rollout", rolloutColumns, [&store, runId, withEmb](const auto& emit) {
                     for (const StepInfo& st : store.steps(runId)) {
                         if (!st.hasRollouts) continue;
                         for (const RolloutRecord& r : store.rollouts(runId, st.step)) {
                             std::vector<std::string> f = {std::to_string(st.step),
                                                           std::to_string(r.groupIndex),
                                                           std::to_string(r.rolloutIndex),
                                                           num(r.reward),
                                                           r.correct ? "1" : "0",
                                                           num(r.grpoAdvantage),
                                                           num(r.gcpoCredit),
                                                           num(r.advantageUsed),
                                                           std::to_string(r.length),
                                                           r.parsedAnswer,
                                                           r.canonicalAnswer,
                                                           r.completion,
                                                           std::to_string(r.embedding.size())};
                             Json j{{"step", st.step},
                                    {"group_index", r.groupIndex},
                                    {"rollout_index", r.rolloutIndex},
                                    {"reward", jnum(r.reward)},
                                    {"correct", r.correct},
                                    {"grpo_advantage", jnum(r.grpoAdvantage)},
                                    {"gcpo_credit", jnum(r.gcpoCredit)},
                                    {"advantage_used", jnum(r.advantageUsed)},
                                    {"length", r.length},
                                    {"parsed_answer", r.parsedAnswer},
                                    {"canonical_answer", r.canonicalAnswer},
                                    {"completion", r.completion},
                                    {"embedding_dim", r.embedding.size()}};
                             if (withEmb) {
                                 f.push_back(joinFloats(r.embedding));
                                 j["embedding"] = floatsJson(r.embedding);
                             }
                             emit(f, std::move(j));
                         }
                     }
                 }});
    return t;
}

void writeCsvRow(std::ostream& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out << ',';
        out << csvField(fields[i]);
    }
    out << "\r\n";  // RFC 4180 line ending
}

void writeCsvTable(std::ostream& out, const Table& t) {
    writeCsvRow(out, t.columns);
    t.rows([&](const std::vector<std::string>& f, Json&&) { writeCsvRow(out, f); });
}

Json runJson(const RunInfo& r) {
    Json config = Json::parse(r.configJson, nullptr, /*allow_exceptions=*/false);
    if (config.is_discarded()) config = r.configJson;
    return Json{{"table", "run"},
                {"id", r.id},
                {"name", r.name},
                {"algorithm", r.algorithm},
                {"status", toString(r.status)},
                {"created_at", r.createdAt},
                {"updated_at", r.updatedAt},
                {"seed", r.seed},
                {"parent_checkpoint", r.parentCheckpoint},
                {"message", r.message},
                {"total_steps", r.totalSteps},
                {"last_step", r.lastStep},
                {"config", config}};
}

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

// Writes `fill` into a temporary file beside `target`, then renames it into place.
void writeAtomically(const std::string& target, const std::function<void(std::ostream&)>& fill) {
    namespace fs = std::filesystem;
    std::random_device rd;
    const std::string tmp = target + ".tmp" + std::to_string(rd() % 1000000);
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw std::runtime_error(target + ": cannot create temporary file " + tmp);
        try {
            fill(f);
        } catch (...) {
            f.close();
            std::remove(tmp.c_str());
            throw;
        }
        f.flush();
        if (!f) {
            f.close();
            std::remove(tmp.c_str());
            throw std::runtime_error(target + ": write failed (disk full?)");
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw std::runtime_error(target + ": cannot rename the finished export into place (" + ec.message() + ")");
    }
}

}  // namespace

ExportFormat exportFormatFromString(const std::string& s) {
    if (s == "csv") return ExportFormat::Csv;
    if (s == "jsonl") return ExportFormat::Jsonl;
    throw std::invalid_argument("unknown export format '" + s + "' (expected csv or jsonl)");
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

void exportRun(const RunStore& store, int64_t runId, const ExportOptions& opts, std::ostream& out) {
    RunStore::ReadTransaction snapshot(store);  // a live run's export is one consistent state
    const RunInfo info = store.runInfo(runId);
    const std::vector<Table> tables = tablesOf(store, runId, opts);
    if (opts.format == ExportFormat::Jsonl) {
        out << runJson(info).dump() << "\n";
        for (const Table& t : tables)
            t.rows([&](const std::vector<std::string>&, Json&& j) {
                Json line{{"table", t.tag}};
                line.update(j);
                out << line.dump() << "\n";
            });
        return;
    }
    out << "# gcpo run export: run " << info.id << " \"" << oneLine(info.name) << "\", algorithm " << info.algorithm
        << ", status " << toString(info.status) << ", seed " << info.seed << ", last step " << info.lastStep << "\r\n";
    out << "# sections: metrics, evals, groups, rollouts; each opens with \"# table: <name>\" and a header row\r\n";
    for (const Table& t : tables) {
        out << "\r\n# table: " << t.name << "\r\n";
        writeCsvTable(out, t);
    }
}

std::vector<std::string> exportRunToPath(const RunStore& store, int64_t runId, const ExportOptions& opts,
                                         const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        writeAtomically(path, [&](std::ostream& out) { exportRun(store, runId, opts, out); });
        return {path};
    }
    RunStore::ReadTransaction snapshot(store);
    if (!store.hasRun(runId)) throw std::invalid_argument(store.path() + ": no run with id " + std::to_string(runId));
    const std::string stem = (fs::path(path) / ("run_" + std::to_string(runId))).string();
    if (opts.format == ExportFormat::Jsonl) {
        writeAtomically(stem + ".jsonl", [&](std::ostream& out) { exportRun(store, runId, opts, out); });
        return {stem + ".jsonl"};
    }
    std::vector<std::string> written;
    const std::string runFile = stem + "_run.json";
    writeAtomically(runFile, [&](std::ostream& out) { out << runJson(store.runInfo(runId)).dump(2) << "\n"; });
    written.push_back(runFile);
    for (const Table& t : tablesOf(store, runId, opts)) {
        const std::string file = stem + "_" + t.name + ".csv";
        writeAtomically(file, [&](std::ostream& out) { writeCsvTable(out, t); });
        written.push_back(file);
    }
    return written;
}

}  // namespace gcpo::store
