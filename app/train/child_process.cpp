// Child processes for `gcpo-train experiment` (see child_process.h).
#include "train/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gcpo::cli {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

void writeAll(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return;  // the child closed stdin early: it reports its own error
        done += static_cast<size_t>(n);
    }
}

// Forks `exe args` with stdin from a pipe fed `stdinText`, stdout to `outFd`, stderr to `errFd`.
pid_t spawn(const std::string& exe, const std::vector<std::string>& args, const std::string& stdinText, int outFd, int errFd,
            bool ownGroup) {
    int in[2];
    if (::pipe2(in, O_CLOEXEC) != 0) fail("pipe");
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        if (ownGroup) ::setpgid(0, 0);
#ifdef __linux__
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(128 + SIGTERM);  // the parent died before prctl
#endif
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        ::dup2(in[0], 0);
        ::dup2(outFd, 1);
        ::dup2(errFd, 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(exe.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(exe.c_str(), argv.data());
        const std::string msg = "cannot start " + exe + ": " + std::strerror(errno) + "\n";
        (void)!::write(2, msg.data(), msg.size());
        ::_exit(127);
    }
    ::close(in[0]);
    writeAll(in[1], stdinText);
    ::close(in[1]);
    return pid;
}

}  // namespace

std::string selfExecutable() {
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) fail("cannot find the gcpo-train executable (/proc/self/exe)");
    return std::string(buf, static_cast<size_t>(n));
}

Child startChild(const std::string& exe, const std::vector<std::string>& args, const std::string& stdinText,
                 const std::string& logPath) {
    const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) fail("cannot open the log " + logPath);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(log);
        fail("pipe");
    }
    ::signal(SIGPIPE, SIG_IGN);
    Child c;
    try {
        c.pid = spawn(exe, args, stdinText, out[1], log, /*ownGroup=*/true);
    } catch (...) {
        ::close(out[0]);
        ::close(out[1]);
        ::close(log);
        throw;
    }
    ::close(out[1]);
    ::close(log);
    ::fcntl(out[0], F_SETFL, ::fcntl(out[0], F_GETFL) | O_NONBLOCK);
    c.stdoutFd = out[0];
    return c;
}

std::vector<std::string> readLines(Child& c, bool* eof) {
    *eof = false;
    char buf[8192];
    while (true) {
        const ssize_t n = ::read(c.stdoutFd, buf, sizeof buf);
        if (n > 0) {
            c.pending.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (n == 0) *eof = true;
        if (n < 0 && errno == EINTR) continue;
        break;  // EAGAIN: nothing more for now
    }
    std::vector<std::string> lines;
    size_t start = 0, nl;
    while ((nl = c.pending.find('\n', start)) != std::string::npos) {
        lines.push_back(c.pending.substr(start, nl - start));
        start = nl + 1;
    }
    c.pending.erase(0, start);
    if (*eof && !c.pending.empty()) lines.push_back(std::move(c.pending)), c.pending.clear();
    return lines;
}

int runToCompletion(const std::string& exe, const std::vector<std::string>& args, const std::string& stdinText,
                    std::string* output) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) fail("pipe");
    ::signal(SIGPIPE, SIG_IGN);
    pid_t pid;
    try {
        pid = spawn(exe, args, stdinText, out[1], out[1], /*ownGroup=*/false);
    } catch (...) {
        ::close(out[0]);
        ::close(out[1]);
        throw;
    }
    ::close(out[1]);
    char buf[8192];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        output->append(buf, static_cast<size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return exitCodeOf(status);
}

int exitCodeOf(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

}  // namespace gcpo::cli
