// RAII helpers over the SQLite C API for the run store (see sqlite_db.h).
#include "store/sqlite_db.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace gcpo::store::detail {

namespace {
constexpr int kBusyTimeoutMs = 5000;  // a reader never waits long: the writer's steps are short

bool hostIsLittleEndian() {
    const uint16_t one = 1;
    unsigned char b;
    std::memcpy(&b, &one, 1);
    return b == 1;
}
}  // namespace

Stmt::~Stmt() {
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
}

static void checkBind(int rc, sqlite3_stmt* s, const std::string* path) {
    if (rc != SQLITE_OK)
        throw std::runtime_error(*path + ": cannot bind a value (" + sqlite3_errstr(rc) + ") in: " + sqlite3_sql(s));
}

Stmt& Stmt::bind(int i, int64_t v) {
    checkBind(sqlite3_bind_int64(m_s, i, v), m_s, m_path);
    return *this;
}

Stmt& Stmt::bind(int i, double v) {
    checkBind(std::isnan(v) ? sqlite3_bind_null(m_s, i) : sqlite3_bind_double(m_s, i, v), m_s, m_path);
    return *this;
}

Stmt& Stmt::bind(int i, const std::string& v) {
    checkBind(sqlite3_bind_text64(m_s, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), m_s, m_path);
    return *this;
}

Stmt& Stmt::bindBlob(int i, const void* data, size_t bytes) {
    // A zero-length blob is stored as an empty blob, not NULL.
    checkBind(sqlite3_bind_blob64(m_s, i, bytes ? data : "", bytes, SQLITE_TRANSIENT), m_s, m_path);
    return *this;
}

bool Stmt::step() {
    const int rc = sqlite3_step(m_s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(m_s);
    const std::string msg = *m_path + ": " + sqlite3_errmsg(db) + " (in: " + sqlite3_sql(m_s) + ")";
    sqlite3_reset(m_s);
    throw std::runtime_error(msg);
}

double Stmt::dbl(int col) const {
    if (isNull(col)) return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(m_s, col);
}

std::string Stmt::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_s, col));
    const int n = sqlite3_column_bytes(m_s, col);
    return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}

const void* Stmt::blob(int col, int* bytes) const {
    const void* p = sqlite3_column_blob(m_s, col);
    *bytes = sqlite3_column_bytes(m_s, col);
    return p;
}

Db::Db(const std::string& path, int flags) : m_path(path) {
    // A "file:...?immutable=1" URI is named by its path in messages.
    if ((flags & SQLITE_OPEN_URI) && m_path.rfind("file:", 0) == 0) m_path = m_path.substr(5, m_path.rfind('?') - 5);
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw std::runtime_error(m_path + ": cannot open database (" + msg + ")");
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
}

Db::~Db() { close(); }

Db::Db(Db&& o) noexcept : m_db(o.m_db), m_path(std::move(o.m_path)), m_cache(std::move(o.m_cache)) {
    o.m_db = nullptr;
    o.m_cache.clear();
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        close();
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        m_cache = std::move(o.m_cache);
        o.m_db = nullptr;
        o.m_cache.clear();
    }
    return *this;
}

void Db::close() {
    for (auto& [sql, s] : m_cache) sqlite3_finalize(s);
    m_cache.clear();
    if (m_db) sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Stmt Db::prepare(const std::string& sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        sqlite3_stmt* s = nullptr;
        const int rc =
            sqlite3_prepare_v3(m_db, sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
        if (rc != SQLITE_OK) fail("cannot prepare \"" + sql + "\"", rc);
        it = m_cache.emplace(sql, s).first;
    }
    return Stmt(it->second, &m_path);
}

void Db::exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw std::runtime_error(m_path + ": " + msg + " (in: " + sql.substr(0, 80) + ")");
    }
}

int64_t Db::pragmaInt(const std::string& name) {
    Stmt s = prepare("PRAGMA " + name);
    if (!s.step()) throw std::runtime_error(m_path + ": PRAGMA " + name + " returned nothing");
    return s.i64(0);
}

void Db::fail(const std::string& what, int rc) const {
    const std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    throw std::runtime_error(m_path + ": " + what + " (" + msg + ")");
}

Transaction::Transaction(Db& db, bool immediate) : m_db(&db) {
    db.prepare(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED").run();
}

Transaction::~Transaction() {
    if (m_open) sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_db->prepare("COMMIT").run();
    m_open = false;
}

std::vector<unsigned char> encodeFloats(const std::vector<float>& v) {
    std::vector<unsigned char> out(v.size() * 4);
    if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
    if (!hostIsLittleEndian())
        for (size_t i = 0; i < out.size(); i += 4) {
            std::swap(out[i], out[i + 3]);
            std::swap(out[i + 1], out[i + 2]);
        }
    return out;
}

std::vector<float> decodeFloats(const void* data, size_t bytes) {
    std::vector<float> v(bytes / 4);
    if (v.empty()) return v;
    if (hostIsLittleEndian()) {
        std::memcpy(v.data(), data, v.size() * 4);
    } else {
        const auto* b = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < v.size(); ++i) {
            const unsigned char t[4] = {b[4 * i + 3], b[4 * i + 2], b[4 * i + 1], b[4 * i]};
            std::memcpy(&v[i], t, 4);
        }
    }
    return v;
}

double nowSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace gcpo::store::detail
