// Fuzz target: a checkpoint's manifest.json and config.json texts (split at the first NUL byte).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/checkpoint_info.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string all(reinterpret_cast<const char*>(data), size);
    const size_t cut = all.find('\0');
    const std::string manifest = all.substr(0, cut);
    const std::string config = cut == std::string::npos ? std::string() : all.substr(cut + 1);
    try {
        (void)gcpo::model::parseCheckpointInfo("fuzz", manifest, config);
    } catch (const std::runtime_error&) {}
    return 0;
}
