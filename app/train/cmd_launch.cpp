// gcpo-train launch --nproc N -- run ...: starts N local ranks of this program with torchrun's
// variables (like torchrun --standalone: a free port on 127.0.0.1), forwards SIGINT/SIGTERM to
// them, and when one rank fails gives the others a grace period to report it before killing them.
// Exits with the worst rank's status (a rank killed by signal s counts as 128 + s).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "train/child_process.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

std::atomic<int> g_forward{0};  // a signal to forward to the ranks (0: none pending)

void onLaunchSignal(int sig) { g_forward.store(sig); }

// A TCP port on 127.0.0.1 that is free now (the kernel's choice for port 0).
int freeLocalPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw ExitError(kExitFailure, std::string("launch: socket: ") + std::strerror(errno));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw ExitError(kExitFailure, std::string("launch: no free local port: ") + std::strerror(errno));
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

int launch(int nproc, double graceSeconds, const std::vector<std::string>& args) {
    if (nproc < 1) throw ExitError(kExitBadInput, "launch: --nproc must be >= 1");
    if (args.empty() || (args[0] != "run" && args[0] != "resume"))
        throw ExitError(kExitBadInput, "launch: expected `-- run ...` or `-- resume ...` after the options");
    const std::string exe = selfExecutable();
    const int port = freeLocalPort();
    std::cerr << "launch: " << nproc << " ranks on 127.0.0.1:" << port << "\n";

    struct sigaction sa {};
    sa.sa_handler = onLaunchSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    std::vector<pid_t> pids(nproc, -1);
    for (int r = 0; r < nproc; ++r) {
        const pid_t pid = ::fork();
        if (pid < 0) throw ExitError(kExitFailure, std::string("launch: fork: ") + std::strerror(errno));
        if (pid == 0) {
            ::setpgid(0, 0);                     // the terminal's Ctrl-C reaches the launcher only, which forwards it once
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a launcher killed outright still stops its ranks cleanly
            signal(SIGINT, SIG_DFL);
            signal(SIGTERM, SIG_DFL);
            setenv("RANK", std::to_string(r).c_str(), 1);
            setenv("LOCAL_RANK", std::to_string(r).c_str(), 1);
            setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
            setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
            setenv("MASTER_ADDR", "127.0.0.1", 1);
            setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
            std::vector<char*> argv{const_cast<char*>(exe.c_str())};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(exe.c_str(), argv.data());
            std::cerr << "launch: exec " << exe << ": " << std::strerror(errno) << "\n";
            ::_exit(127);
        }
        pids[r] = pid;
    }

    int worst = 0, alive = nproc;
    bool failing = false;
    auto failedAt = std::chrono::steady_clock::now();
    bool killed = false;
    while (alive > 0) {
        if (const int sig = g_forward.exchange(0)) {
            std::cerr << "launch: forwarding signal " << sig << " to the ranks\n";
            for (pid_t p : pids)
                if (p > 0) ::kill(p, sig);
        }
        int status = 0;
        const pid_t done = ::waitpid(-1, &status, WNOHANG);
        if (done > 0) {
            for (int r = 0; r < nproc; ++r) {
                if (pids[r] != done) continue;
                pids[r] = -1;
                --alive;
                const int code = exitCodeOf(status);
                worst = std::max(worst, code);
                if (code != 0 && code != kExitInterrupted && !failing) {
                    failing = true;
                    failedAt = std::chrono::steady_clock::now();
                    if (alive > 0)
                        std::cerr << "launch: rank " << r << " exited with status " << code << "; the other ranks have "
                                  << graceSeconds << " s to report it before they are killed\n";
                }
            }
            continue;
        }
        if (done < 0 && errno == ECHILD) break;
        if (failing && !killed &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - failedAt).count() > graceSeconds) {
            for (int r = 0; r < nproc; ++r)
                if (pids[r] > 0) {
                    std::cerr << "launch: killing rank " << r << "\n";
                    ::kill(pids[r], SIGKILL);
                }
            killed = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return worst;
}

void addLaunchCommand(CLI::App& app) {
    struct Args {
        int nproc = 1;
        double grace = 60.0;
        std::vector<std::string> rest;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "launch", "Start N local ranks of a data-parallel run (like torchrun --standalone): launch --nproc N -- run ...");
    cmd->add_option("--nproc", a->nproc, "number of ranks (processes) on this machine")->required()->check(CLI::PositiveNumber);
    cmd->add_option("--grace", a->grace, "seconds the other ranks get to report a failed rank before they are killed")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("command", a->rest, "after --: the gcpo-train subcommand each rank runs (run ... or resume ...)")->required();
    cmd->callback([a] {
        const int rc = launch(a->nproc, a->grace, a->rest);
        if (rc != 0) throw ExitError(rc, "launch: the worst rank exited with status " + std::to_string(rc));
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(55, addLaunchCommand);

}  // namespace gcpo::cli
