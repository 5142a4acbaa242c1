// Fuzz target: a run config (JSON text) with `--set key=value` overrides, resolved and validated the
// way `gcpo-train run --validate-only` does (rl::resolveRunConfig). Lines after the first NUL byte
// are --set arguments.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "rl/run_config.h"
#include "util/json_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string all(reinterpret_cast<const char*>(data), size);
    const size_t cut = all.find('\0');
    nlohmann::json cfg;
    try {
        cfg = gcpo::util::parseJson(all.substr(0, cut));
    } catch (const nlohmann::json::exception&) {  // not JSON: refused by the CLI before this point
        return 0;
    } catch (const std::invalid_argument&) {
        return 0;
    }
    // From here every refusal must be std::invalid_argument naming the key (anything else escapes
    // and libFuzzer reports it as a crash).
    std::vector<std::string> overrides;
    if (cut != std::string::npos) {
        std::istringstream sets(all.substr(cut + 1));
        for (std::string line; std::getline(sets, line);) overrides.push_back(line);
    }
    try {
        const gcpo::rl::RunConfig resolved = gcpo::rl::resolveRunConfig(cfg, overrides);
        // The resolved config reads back to itself (what the trainer stores is what resume uses).
        if (gcpo::rl::toJson(gcpo::rl::resolveRunConfig(gcpo::rl::toJson(resolved))) != gcpo::rl::toJson(resolved))
            __builtin_trap();
        (void)gcpo::util::dumpSafe(gcpo::rl::toJson(resolved));
    } catch (const std::invalid_argument&) {}
    return 0;
}
