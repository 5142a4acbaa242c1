// What the programs take from their environment and pass to the core as parameters (the core
// reads no environment variable): the resources folder and the GCPO_THREADS override.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace gcpo::app {

// The resources folder (presets, demo and SFT configs): $GCPO_RESOURCES when set, else the
// installed copy beside the executable (<prefix>/share/gcpo-workbench/resources for
// <prefix>/bin/gcpo-train), else the source tree the program was built from. "" when none exists.
inline std::string resourcesDir() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("GCPO_RESOURCES"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "gcpo-workbench" / "resources");
#ifdef GCPO_SOURCE_RESOURCES_DIR
    candidates.emplace_back(GCPO_SOURCE_RESOURCES_DIR);
#endif
    for (const fs::path& dir : candidates)
        if (fs::is_directory(dir / "configs", ec)) return dir.string();
    return "";
}

// GCPO_THREADS as a positive thread count, 0 when unset or not a positive number.
inline int threadsFromEnv() {
    const char* env = std::getenv("GCPO_THREADS");
    const int n = env && *env ? std::atoi(env) : 0;
    return n > 0 ? n : 0;
}

}  // namespace gcpo::app
