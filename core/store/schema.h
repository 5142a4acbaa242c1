// The run database schema (version kSchemaVersion) and the read-only check that decides whether a
// file is a GCPO run database before anything opens it for writing. Internal to core/store.
#pragma once

#include <string>

#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace gcpo::store::detail {

enum class FileKind {
    New,    // missing or zero bytes: may be created and initialised
    RunDb,  // a GCPO run database of a schema this build reads
};

// `path` as an SQLite URI that opens it read-only and immutable: no locks, no -wal/-shm sidecar
// files are created, and a file in a read-only folder can be read by any user who may read it.
std::string immutableUri(const std::string& path);

// Inspects `path` on a SQLITE_OPEN_READONLY connection (closed again before returning) and never
// modifies the file. Throws std::runtime_error naming the file and the reason for: a file that is
// not SQLite (random bytes, text), an SQLite database of another application, a GCPO database of
// a newer schema, an unreadable path or a directory. Only a missing or zero-byte file is New: an
// SQLite file of any other content without GCPO's application id (even one with no tables, or
// holding only views or triggers) is another application's. The file is opened immutable
// (immutableUri), so a refused WAL-mode file gets no sidecar files.
FileKind inspectFile(const std::string& path, int* userVersion);

// Creates every table, index and view of schema `version` (default: the current one) and stamps
// application_id and user_version, in one transaction, on a connection opened read-write on a New
// file. Older versions exist for the migration tests.
void initialiseSchema(Db& db, int version = kSchemaVersion);

// Brings a GCPO run database of an older schema to kSchemaVersion in one transaction (all or
// nothing: a failure leaves the file at its old version). Returns the version it started from.
// Called only when a file is opened for writing: readers read older versions as they are.
int migrateSchema(Db& db);

}  // namespace gcpo::store::detail
