// The per-run owner lock (see run_claim.h): acquired by the trainer, probed by every reader.
#include "store/run_claim.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "store/sqlite_db.h"

namespace gcpo::store {

namespace fs = std::filesystem;

namespace {

std::string hostName() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
    return buf;
}

RunOwner readOwner(int fd) {
    RunOwner o;
    char buf[512] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return o;
    std::istringstream in(std::string(buf, static_cast<size_t>(n)));
    in >> o.pid >> o.host >> o.startedAt;  // written as one line "pid host start"; partial reads stay 0/""
    return o;
}

// Is a lock on the open file `fd` held by any open file description (this process's included)?
bool lockHeld(int fd) {
#ifdef F_OFD_GETLK
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (::fcntl(fd, F_OFD_GETLK, &fl) == 0) return fl.l_type != F_UNLCK;
#endif
    // flock fallback: a shared probe fails while an exclusive claim exists.
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
        return false;
    }
    return errno == EWOULDBLOCK;
}

bool tryLock(int fd) {
#ifdef F_OFD_SETLK
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (::fcntl(fd, F_OFD_SETLK, &fl) == 0) return true;
    if (errno == EAGAIN || errno == EACCES) return false;
    if (errno != EINVAL) throw std::system_error(errno, std::generic_category(), "fcntl(F_OFD_SETLK)");
#endif
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
    if (errno == EWOULDBLOCK) return false;
    throw std::system_error(errno, std::generic_category(), "flock");
}

}  // namespace

std::string RunOwner::describe() const {
    std::ostringstream os;
    os << "pid " << pid << " on host " << (host.empty() ? std::string("?") : host);
    if (startedAt > 0) {
        const std::time_t t = static_cast<std::time_t>(startedAt);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
        os << " since " << when;
    }
    return os.str();
}

std::string runLockPath(const std::string& dbPath, int64_t runId) {
    return dbPath + ".runs/run-" + std::to_string(runId) + ".lock";
}

OwnerState probeRunOwner(const std::string& dbPath, int64_t runId, RunOwner* owner) {
    const int fd = ::open(runLockPath(dbPath, runId).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return OwnerState::Unknown;
    const bool held = lockHeld(fd);
    if (owner) *owner = readOwner(fd);
    ::close(fd);
    return held ? OwnerState::Alive : OwnerState::Gone;
}

RunClaim::~RunClaim() { release(); }

RunClaim::RunClaim(RunClaim&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }

RunClaim& RunClaim::operator=(RunClaim&& o) noexcept {
    if (this != &o) {
        release();
        m_fd = o.m_fd;
        o.m_fd = -1;
    }
    return *this;
}

void RunClaim::release() {
    if (m_fd >= 0) ::close(m_fd);  // closing the description drops its lock
    m_fd = -1;
}

RunClaim RunClaim::acquire(const std::string& dbPath, int64_t runId) {
    const std::string path = runLockPath(dbPath, runId);
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw std::runtime_error(path + ": cannot create the run folder (" + ec.message() + ")");
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(path + ": cannot open the run's lock file (" + std::strerror(errno) + ")");
    RunClaim claim;
    claim.m_fd = fd;
    bool locked = false;
    try {
        locked = tryLock(fd);
    } catch (const std::system_error& e) {
        throw std::runtime_error(path + ": cannot lock the run (" + e.what() + ")");
    }
    if (!locked) {
        const RunOwner o = readOwner(fd);
        throw RunBusyError("run " + std::to_string(runId) + " is being trained by another live process (" + o.describe() +
                           "); refusing to write to it (lock " + path + ")");
    }
    std::ostringstream line;
    line.precision(17);
    line << ::getpid() << " " << hostName() << " " << detail::nowSeconds() << "\n";
    const std::string text = line.str();
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error(path + ": cannot record the run's owner (" + std::strerror(errno) + ")");
    return claim;
}

}  // namespace gcpo::store
