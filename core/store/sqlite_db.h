// Thin RAII helpers over the SQLite C API for the run store: a connection with a prepared
// statement cache, a borrowed statement that resets itself, and a transaction guard.
// Internal to core/store (the public header run_store.h carries no SQLite type).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace gcpo::store::detail {

// A statement borrowed from Db's cache: bind, step, read columns; reset and unbound on scope exit.
class Stmt {
public:
    Stmt(sqlite3_stmt* s, const std::string* path) : m_s(s), m_path(path) {}
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, double v);  // NaN is bound as NULL (SQLite has no NaN)
    Stmt& bind(int i, const std::string& v);
    Stmt& bindBlob(int i, const void* data, size_t bytes);
    bool step();  // true: a row is ready; false: done. Throws on error.
    void run() {
        while (step()) {}
    }  // execute to completion

    int64_t i64(int col) const { return sqlite3_column_int64(m_s, col); }
    double dbl(int col) const;  // NULL reads as NaN
    std::string text(int col) const;
    bool isNull(int col) const { return sqlite3_column_type(m_s, col) == SQLITE_NULL; }
    const void* blob(int col, int* bytes) const;

private:
    sqlite3_stmt* m_s;
    const std::string* m_path;
};

class Db {
public:
    Db() = default;
    // Opens `path` with sqlite3_open_v2 flags; throws std::runtime_error naming the file.
    Db(const std::string& path, int flags);
    ~Db();
    Db(Db&& o) noexcept;
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    Stmt prepare(const std::string& sql);  // cached for the life of the connection
    void exec(const std::string& sql);     // one or more statements, no results
    int64_t pragmaInt(const std::string& name);
    int changes() const { return sqlite3_changes(m_db); }
    [[noreturn]] void fail(const std::string& what, int rc) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string, sqlite3_stmt*> m_cache;
};

// BEGIN IMMEDIATE (writer) or BEGIN DEFERRED (reader); rolls back unless commit() was called.
class Transaction {
public:
    Transaction(Db& db, bool immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Db* m_db;
    bool m_open = true;
};

// float32 little-endian encoding of embeddings, independent of the host byte order.
std::vector<unsigned char> encodeFloats(const std::vector<float>& v);
std::vector<float> decodeFloats(const void* data, size_t bytes);

double nowSeconds();

}  // namespace gcpo::store::detail
