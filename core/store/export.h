// Export of one stored run to CSV or JSON Lines, for spreadsheets, pandas and other tools.
//
// Stream layout (exportRun):
//   jsonl  one JSON object per line, each with a "table" member naming what it is:
//          {"table":"run",...} first (id, name, algorithm, status, seed, config, ...), then
//          "metric" lines {step, key, value, wall_time}, "eval" lines {step, metric, value},
//          "group" lines and "rollout" lines. Non-finite numbers are written as null.
//   csv    sections, each opened by a comment line "# table: <name>", then a header row, then
//          the rows, then one empty line. The file starts with "# gcpo run export" comment lines
//          (run id, name, algorithm, status, seed). Fields are quoted per RFC 4180 when they hold
//          a comma, quote, CR or LF; numbers use the shortest text that reads back exactly.
//          Sections: metrics, evals, groups, rollouts.
//
// Path layout (exportRunToPath): when `path` is an existing directory, one file per table is
// written there: run_<id>_run.json (the run's record and config) and run_<id>_<table>.csv (a plain
// single-table CSV with a header row, no comment lines), or run_<id>.jsonl. Otherwise the stream layout goes to the file `path`. Every file is
// written to a temporary file beside it and renamed into place, so no half-written file is left.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "store/run_store.h"

namespace gcpo::store {

enum class ExportFormat { Csv, Jsonl };
ExportFormat exportFormatFromString(const std::string& s);  // "csv" | "jsonl"; throws std::invalid_argument

struct ExportOptions {
    ExportFormat format = ExportFormat::Csv;
    bool includeEmbeddings = false;  // rollout embeddings: a JSON array (jsonl) or space-separated (csv)
};

// Throws std::invalid_argument for an unknown run.
void exportRun(const RunStore& store, int64_t runId, const ExportOptions& opts, std::ostream& out);
// Returns the paths written. Throws std::runtime_error naming the path on an I/O failure.
std::vector<std::string> exportRunToPath(const RunStore& store, int64_t runId, const ExportOptions& opts,
                                         const std::string& path);

// RFC 4180 quoting of one CSV field (exposed for tests and other exporters).
std::string csvField(const std::string& s);

}  // namespace gcpo::store
