// Run management: rename, notes, tags, delete, search and the stored config (see run_admin.h).
#include "store/run_admin.h"
#include "store/run_claim.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "store/run_store_impl.h"

namespace gcpo::store {

using detail::Stmt;
using detail::Transaction;

namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string checkedTag(const std::string& raw) {
    const std::string tag = trimmed(raw);
    if (tag.empty()) throw std::invalid_argument("tag is empty");
    if (tag.find_first_of(",\n\r") != std::string::npos)
        throw std::invalid_argument("tag '" + tag + "' holds a comma or a line break");
    return tag;
}

// Writer preamble: writer mode, version 2 tables present, the run exists (inside `tx`).
void requireAnnotatable(RunStore::Impl& d, const char* operation, int64_t runId) {
    d.requireWriter(operation);
    d.requireRun(runId);
}

bool hasV2(const RunStore::Impl& d) { return d.version >= 2; }

}  // namespace

void renameRun(RunStore& store, int64_t runId, const std::string& name) {
    RunStore::Impl& d = store.impl();
    const std::string n = trimmed(name);
    if (n.empty()) throw std::invalid_argument("renameRun: the new name is empty");
    d.requireWriter("renameRun");
    Transaction tx(d.db, true);
    d.requireRun(runId);
    d.db.prepare("UPDATE runs SET name = ?, updated_at = ? WHERE id = ?")
        .bind(1, n)
        .bind(2, detail::nowSeconds())
        .bind(3, runId)
        .run();
    tx.commit();
}

void setRunNotes(RunStore& store, int64_t runId, const std::string& notes) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("setRunNotes");
    Transaction tx(d.db, true);
    requireAnnotatable(d, "setRunNotes", runId);
    if (notes.empty()) d.db.prepare("DELETE FROM run_notes WHERE run_id = ?").bind(1, runId).run();
    else d.db.prepare("INSERT OR REPLACE INTO run_notes(run_id, notes) VALUES(?, ?)").bind(1, runId).bind(2, notes).run();
    tx.commit();
}

void setRunTags(RunStore& store, int64_t runId, const std::vector<std::string>& tags) {
    RunStore::Impl& d = store.impl();
    std::set<std::string> clean;
    for (const auto& t : tags) clean.insert(checkedTag(t));
    d.requireWriter("setRunTags");
    Transaction tx(d.db, true);
    requireAnnotatable(d, "setRunTags", runId);
    d.db.prepare("DELETE FROM run_tags WHERE run_id = ?").bind(1, runId).run();
    for (const auto& t : clean) d.db.prepare("INSERT INTO run_tags(run_id, tag) VALUES(?, ?)").bind(1, runId).bind(2, t).run();
    tx.commit();
}

void addRunTag(RunStore& store, int64_t runId, const std::string& tag) {
    RunStore::Impl& d = store.impl();
    const std::string t = checkedTag(tag);
    d.requireWriter("addRunTag");
    Transaction tx(d.db, true);
    requireAnnotatable(d, "addRunTag", runId);
    d.db.prepare("INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES(?, ?)").bind(1, runId).bind(2, t).run();
    tx.commit();
}

void removeRunTag(RunStore& store, int64_t runId, const std::string& tag) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("removeRunTag");
    Transaction tx(d.db, true);
    requireAnnotatable(d, "removeRunTag", runId);
    d.db.prepare("DELETE FROM run_tags WHERE run_id = ? AND tag = ?").bind(1, runId).bind(2, trimmed(tag)).run();
    tx.commit();
}

DeleteRunResult deleteRun(RunStore& store, int64_t runId, double staleSeconds) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("deleteRun");
    DeleteRunResult out;
    {
        Transaction tx(d.db, true);
        const RunInfo info = store.runInfo(runId, staleSeconds);  // std::invalid_argument when unknown
        if (info.status == RunStatus::Running)
            throw std::logic_error(d.path + ": run " + std::to_string(runId) + " (" + info.name +
                                   ") is still running (heartbeat " +
                                   std::to_string(static_cast<int64_t>(detail::nowSeconds() - info.heartbeatAt)) +
                                   " s ago); stop it before deleting it");
        Stmt n = d.db.prepare("SELECT count(*) FROM steps WHERE run_id = ?");
        n.bind(1, runId);
        n.step();
        out.stepsDeleted = n.i64(0);
        // ON DELETE CASCADE removes steps (and through them every per-step row), checkpoint
        // records, logs, notes and tags; experiment_runs.run_id falls back to NULL.
        d.db.prepare("DELETE FROM runs WHERE id = ?").bind(1, runId).run();
        if (d.db.changes() != 1) throw std::runtime_error(d.path + ": run " + std::to_string(runId) + " was not deleted");
        tx.commit();
    }
    // The trainer's checkpoint folder for this run id (a later run may be given the same id).
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(d.path + ".runs") / ("run-" + std::to_string(runId));
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
        fs::remove_all(dir, ec);
        if (ec)
            throw std::runtime_error(d.path + ": run " + std::to_string(runId) + " deleted, but its checkpoint folder " +
                                     dir.string() + " could not be removed (" + ec.message() + ")");
        out.removedDirectories.push_back(dir.string());
    }
    fs::remove(runLockPath(d.path, runId), ec);  // its owner lock (not held: the run is not live)
    return out;
}

RunAnnotations runAnnotations(const RunStore& store, int64_t runId) {
    RunStore::Impl& d = store.impl();
    if (!store.hasRun(runId)) throw std::invalid_argument(d.path + ": no run with id " + std::to_string(runId));
    RunAnnotations a;
    if (!hasV2(d)) return a;
    {
        Stmt s = d.db.prepare("SELECT notes FROM run_notes WHERE run_id = ?");
        s.bind(1, runId);
        if (s.step()) a.notes = s.text(0);
    }
    Stmt s = d.db.prepare("SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag");
    s.bind(1, runId);
    while (s.step()) a.tags.push_back(s.text(0));
    return a;
}

std::vector<std::string> allTags(const RunStore& store) {
    RunStore::Impl& d = store.impl();
    std::vector<std::string> out;
    if (!hasV2(d)) return out;
    Stmt s = d.db.prepare("SELECT DISTINCT tag FROM run_tags ORDER BY tag");
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::string storedConfig(const RunStore& store, int64_t runId, int indent) {
    const RunInfo info = store.runInfo(runId);
    try {
        return nlohmann::json::parse(info.configJson).dump(indent);
    } catch (const nlohmann::json::exception&) {
        return info.configJson;  // stored as given (createRun checks it is JSON; another writer may not have)
    }
}

std::vector<RunListing> findRuns(const RunStore& store, const RunFilter& filter, double staleSeconds) {
    RunStore::Impl& d = store.impl();
    RunStore::ReadTransaction snapshot(store);
    std::map<int64_t, RunListing> byId;
    for (RunInfo& r : store.listRuns(staleSeconds)) {
        const int64_t id = r.id;
        byId[id].run = std::move(r);
    }
    if (hasV2(d)) {
        {
            Stmt s = d.db.prepare("SELECT run_id, notes FROM run_notes");
            while (s.step())
                if (auto it = byId.find(s.i64(0)); it != byId.end()) it->second.annotations.notes = s.text(1);
        }
        {
            Stmt s = d.db.prepare("SELECT run_id, tag FROM run_tags ORDER BY run_id, tag");
            while (s.step())
                if (auto it = byId.find(s.i64(0)); it != byId.end()) it->second.annotations.tags.push_back(s.text(1));
        }
        Stmt s = d.db.prepare(
            "SELECT er.run_id, e.id, e.name, a.name FROM experiment_runs er "
            "JOIN experiments e ON e.id = er.experiment_id "
            "JOIN experiment_arms a ON a.experiment_id = er.experiment_id AND a.arm_index = er.arm_index "
            "WHERE er.run_id IS NOT NULL");
        while (s.step())
            if (auto it = byId.find(s.i64(0)); it != byId.end()) {
                it->second.experimentId = s.i64(1);
                it->second.experimentName = s.text(2);
                it->second.arm = s.text(3);
            }
    }
    const std::string needle = lower(trimmed(filter.text));
    auto matchesText = [&](const RunListing& l) {
        if (needle.empty()) return true;
        auto has = [&](const std::string& hay) { return lower(hay).find(needle) != std::string::npos; };
        if (has(l.run.name) || has(l.run.algorithm) || has(l.annotations.notes) || has(l.experimentName) || has(l.arm))
            return true;
        return std::any_of(l.annotations.tags.begin(), l.annotations.tags.end(), has);
    };
    std::vector<RunListing> out;
    for (auto& [id, l] : byId) {
        if (!filter.algorithm.empty() && l.run.algorithm != filter.algorithm) continue;
        if (!filter.statuses.empty() &&
            std::find(filter.statuses.begin(), filter.statuses.end(), l.run.status) == filter.statuses.end())
            continue;
        if (filter.experimentId > 0 && l.experimentId != filter.experimentId) continue;
        if (filter.experimentId < 0 && l.experimentId != 0) continue;
        bool allTagsPresent = true;
        for (const auto& t : filter.tags)
            if (std::find(l.annotations.tags.begin(), l.annotations.tags.end(), trimmed(t)) == l.annotations.tags.end())
                allTagsPresent = false;
        if (!allTagsPresent || !matchesText(l)) continue;
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace gcpo::store
