// The per-user SFT warm-up cache: key, shipped warm-ups, lock, atomic rename (see sft_cache.h).
#include "model/sft_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <thread>

#include "model/checkpoint_info.h"
#include "model/sft_config.h"

#ifndef GCPO_VERSION_STRING
#define GCPO_VERSION_STRING "unknown"
#endif

namespace gcpo::model {

namespace fs = std::filesystem;

namespace {

// An exclusive flock on a file, released when destroyed (or when the process ends, however it ends).
class FileLock {
public:
    explicit FileLock(const fs::path& path) : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        if (m_fd < 0) throw std::runtime_error("sft cache: cannot open the lock file " + path.string());
    }
    ~FileLock() {
        if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool tryLock() { return ::flock(m_fd, LOCK_EX | LOCK_NB) == 0; }

private:
    int m_fd;
};

bool complete(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "checkpoint" / "manifest.json", ec);
}

}  // namespace

std::string sftCodeVersion() {
    return std::string("gcpo ") + GCPO_VERSION_STRING + " sft-recipe " + std::to_string(kSftRecipeRevision);
}

nlohmann::json canonicalSftConfig(const nlohmann::json& sftConfig) {
    nlohmann::json c = toJson(sftConfigFromJson(sftConfig));
    c.erase("threads");
    return c;
}

std::string sftCacheKey(const nlohmann::json& sftConfig) {
    const std::string text = canonicalSftConfig(sftConfig).dump() + "\n" + sftCodeVersion();
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char ch : text) h = (h ^ ch) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string findShippedSftWarmup(const std::string& shippedRoot, const nlohmann::json& sftConfig) {
    std::error_code ec;
    if (shippedRoot.empty() || !fs::is_directory(shippedRoot, ec)) return "";
    const nlohmann::json want = canonicalSftConfig(sftConfig);
    for (const auto& entry : fs::directory_iterator(shippedRoot, ec)) {
        const fs::path ckpt = entry.path() / "checkpoint";
        if (!complete(entry.path())) continue;
        try {
            const CheckpointInfo info = readCheckpointInfo(ckpt.string());
            if (info.extra.contains("sft_config") && canonicalSftConfig(info.extra.at("sft_config")) == want)
                return ckpt.string();
        } catch (const std::exception&) {
            continue;  // not a usable warm-up: ignored, never modified
        }
    }
    return "";
}

std::string obtainSftWarmup(const SftCacheRequest& r) {
    const auto say = [&](const std::string& s) {
        if (r.notice) r.notice(s);
    };
    if (const std::string shipped = findShippedSftWarmup(r.shippedRoot, r.config); !shipped.empty()) {
        say("SFT warm-up: using the shipped checkpoint " + shipped);
        return shipped;
    }
    const std::string key = sftCacheKey(r.config);
    const fs::path root(r.root);
    const fs::path dir = root / key;
    if (complete(dir)) return (dir / "checkpoint").string();
    fs::create_directories(root);
    FileLock lock(root / (key + ".lock"));
    bool announced = false;
    while (!lock.tryLock()) {
        if (r.stop && r.stop->load()) return "";
        if (!announced) say("SFT warm-up: waiting for another process that is training the same warm-up (" + dir.string() + ")");
        announced = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (complete(dir)) return (dir / "checkpoint").string();  // the other process finished it
    // We hold the lock: anything at the final or partial path is a leftover of a crashed attempt.
    const fs::path partial = root / (key + ".partial");
    fs::remove_all(partial);
    fs::remove_all(dir);
    fs::create_directories(partial);
    const int rc = r.train ? r.train(partial.string()) : 1;
    if (rc != 0 || !complete(partial)) {
        std::error_code ec;
        fs::remove_all(partial, ec);  // an unfinished warm-up is never used as a cached one
        return "";
    }
    fs::rename(partial, dir);  // atomic: readers see no directory or the finished one
    return (dir / "checkpoint").string();
}

}  // namespace gcpo::model
