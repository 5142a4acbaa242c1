// CPU availability (affinity, cgroup quota, other processes' load) and the default thread count.
#include "util/cpu_budget.h"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

namespace gcpo {

namespace {

ThreadPolicy& policyStore() {
    static ThreadPolicy p;
    return p;
}

// "max 100000" or "150000 100000" (cgroup v2 cpu.max): quota in CPUs, 0 when unlimited or unreadable.
double readCpuMax(const std::string& path) {
    std::ifstream in(path);
    std::string quota;
    double period = 0;
    if (!(in >> quota >> period) || quota == "max" || period <= 0) return 0.0;
    try {
        return std::stod(quota) / period;
    } catch (...) {
        return 0.0;
    }
}

double readV1Quota(const std::string& dir) {
    std::ifstream q(dir + "/cpu.cfs_quota_us"), p(dir + "/cpu.cfs_period_us");
    double quota = -1, period = 0;
    if (!(q >> quota) || !(p >> period) || quota <= 0 || period <= 0) return 0.0;
    return quota / period;
}

// The tightest quota on the way from this process's cgroup up to the root (v2), else v1's.
double cgroupQuota() {
    double best = 0.0;
    auto take = [&](double q) {
        if (q > 0 && (best == 0.0 || q < best)) best = q;
    };
    std::ifstream self("/proc/self/cgroup");
    std::string line;
    while (std::getline(self, line)) {
        if (line.rfind("0::", 0) != 0) continue;
        std::string path = line.substr(3);
        while (true) {
            take(readCpuMax("/sys/fs/cgroup" + path + "/cpu.max"));
            if (path.empty() || path == "/") break;
            path = path.substr(0, path.find_last_of('/'));
        }
    }
    take(readCpuMax("/sys/fs/cgroup/cpu.max"));
    take(readV1Quota("/sys/fs/cgroup/cpu,cpuacct"));
    take(readV1Quota("/sys/fs/cgroup/cpu"));
    return best;
}

struct CpuTimes {
    double busy = 0, total = 0;
};

// Per-CPU jiffies from /proc/stat ("cpuN user nice system idle iowait irq softirq steal ...").
std::map<int, CpuTimes> readProcStat() {
    std::map<int, CpuTimes> out;
    std::ifstream in("/proc/stat");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("cpu", 0) != 0 || line.size() < 4 || !std::isdigit(static_cast<unsigned char>(line[3]))) continue;
        std::istringstream is(line.substr(3));
        int cpu = -1;
        double v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        is >> cpu;
        for (double& x : v) is >> x;
        CpuTimes t;
        t.busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
        t.total = t.busy + v[3] + v[4];
        out[cpu] = t;
    }
    return out;
}

double ownCpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

}  // namespace

CpuAvailability probeCpuAvailability(double windowSeconds) {
    CpuAvailability c;
    c.online = std::max(1, static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)));
    std::vector<int> mask;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        for (int i = 0; i < CPU_SETSIZE; ++i)
            if (CPU_ISSET(i, &set)) mask.push_back(i);
    }
    c.affinity = mask.empty() ? c.online : static_cast<int>(mask.size());
    c.quota = cgroupQuota();
    if (std::ifstream la("/proc/loadavg"); la) la >> c.load1;
    if (windowSeconds <= 0) return c;

    const auto t0 = std::chrono::steady_clock::now();
    const auto before = readProcStat();
    const double own0 = ownCpuSeconds();
    std::this_thread::sleep_for(std::chrono::duration<double>(windowSeconds));
    const auto after = readProcStat();
    const double own = ownCpuSeconds() - own0;
    c.probeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double busy = 0;
    for (const auto& [cpu, a] : after) {
        if (!mask.empty() && std::find(mask.begin(), mask.end(), cpu) == mask.end()) continue;
        const auto b = before.find(cpu);
        if (b == before.end()) continue;
        const double total = a.total - b->second.total;
        if (total > 0) busy += (a.busy - b->second.busy) / total;
    }
    c.busy = std::clamp(busy - own / std::max(1e-3, c.probeSeconds), 0.0, static_cast<double>(c.affinity));
    return c;
}

int chooseThreadCount(const CpuAvailability& cpus, int concurrentRuns) {
    const int runs = std::max(1, concurrentRuns);
    double capacity = std::max(1, cpus.affinity);
    if (cpus.quota > 0) capacity = std::min(capacity, cpus.quota);
    const double share = capacity / runs;
    const double free = std::min(capacity, static_cast<double>(std::max(1, cpus.affinity)) - std::max(0.0, cpus.busy));
    const double usable = std::min(share, free);
    return std::max(1, static_cast<int>(std::floor(usable + 0.25)));
}

std::string describe(const CpuAvailability& cpus, int concurrentRuns) {
    std::ostringstream os;
    os.setf(std::ios::fixed);
    os.precision(2);
    os << cpus.online << " online, " << cpus.affinity << " in affinity, ";
    if (cpus.quota > 0) os << "quota " << cpus.quota << " CPUs, ";
    else os << "no quota, ";
    os << cpus.busy << " busy with other processes (load " << cpus.load1 << "), " << std::max(1, concurrentRuns) << " run(s) -> "
       << chooseThreadCount(cpus, concurrentRuns) << " thread(s)";
    return os.str();
}

void setThreadPolicy(const ThreadPolicy& policy) { policyStore() = policy; }
ThreadPolicy threadPolicy() { return policyStore(); }

}  // namespace gcpo
