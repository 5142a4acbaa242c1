// Reading a checkpoint's manifest and config without LibTorch, with clear errors for foreign directories.
#include "model/checkpoint_info.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gcpo::model {

namespace fs = std::filesystem;

namespace {

nlohmann::json readJson(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("checkpoint: cannot read " + path.string());
    std::ostringstream os;
    os << in.rdbuf();
    try {
        return nlohmann::json::parse(os.str());
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("checkpoint: " + path.string() + " is damaged (not valid JSON: " + e.what() + ")");
    }
}

}  // namespace

CheckpointInfo readCheckpointInfo(const std::string& dir) {
    const fs::path root(dir);
    std::error_code ec;
    if (!fs::exists(root, ec)) throw std::runtime_error("checkpoint: " + dir + " does not exist");
    if (!fs::is_directory(root, ec))
        throw std::runtime_error("checkpoint: " + dir + " is a file, not a GCPO policy checkpoint directory");
    if (!fs::exists(root / "manifest.json", ec))
        throw std::runtime_error("checkpoint: " + dir + " is not a GCPO policy checkpoint (no manifest.json)");
    const auto manifest = readJson(root / "manifest.json");
    if (!manifest.is_object() || !manifest.contains("format") || !manifest["format"].is_string() ||
        manifest["format"].get<std::string>() != kCheckpointFormat)
        throw std::runtime_error("checkpoint: " + (root / "manifest.json").string() + " is not a GCPO policy checkpoint manifest (format \"" +
                                 (manifest.is_object() && manifest.contains("format") ? manifest["format"].dump() : std::string("missing")) +
                                 "\", expected \"" + kCheckpointFormat + "\")");
    if (!manifest.contains("version") || !manifest["version"].is_number_integer())
        throw std::runtime_error("checkpoint: " + (root / "manifest.json").string() + " has no integer version");
    const int version = manifest["version"].get<int>();
    if (version > kCheckpointVersion || version < 1)
        throw std::runtime_error("checkpoint: " + dir + " has format version " + std::to_string(version) +
                                 "; this build reads version " + std::to_string(kCheckpointVersion));

    const auto config = readJson(root / "config.json");
    CheckpointInfo info;
    try {
        if (!config.is_object() || !config.contains("model") || !config.contains("tokenizer"))
            throw std::invalid_argument("missing \"model\" or \"tokenizer\"");
        info.model = modelConfigFromJson(config["model"], "model");
        info.tokenizer = Tokenizer::fromJson(config["tokenizer"]);
        info.step = config.value("step", int64_t(0));
        if (config.contains("rng") && config["rng"].contains("data")) info.dataRngState = config["rng"]["data"].get<std::string>();
        if (config.contains("extra")) info.extra = config["extra"];
    } catch (const std::exception& e) {
        throw std::runtime_error("checkpoint: " + (root / "config.json").string() + " is invalid: " + e.what());
    }
    info.hasOptimizer = fs::exists(root / "optimizer.pt", ec);
    return info;
}

}  // namespace gcpo::model
