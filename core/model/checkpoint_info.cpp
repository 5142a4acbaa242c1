// Reading a checkpoint's manifest and config without LibTorch, with clear errors for foreign directories.
#include "model/checkpoint_info.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/json_guard.h"

namespace gcpo::model {

namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("checkpoint: cannot read " + path.string());
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

nlohmann::json parseJson(const std::string& text, const fs::path& path) {
    try {
        return util::parseJson(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("checkpoint: " + path.string() + " is damaged (not valid JSON: " + util::toValidUtf8(e.what()) +
                                 ")");
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error("checkpoint: " + path.string() + " is damaged (" + e.what() + ")");
    }
}

bool detailFitsInt64(const nlohmann::json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX);
    return v.is_number_integer();
}

}  // namespace

int removeCheckpointTemporaries(const std::string& dir) {
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find(kCheckpointTempMarker) == std::string::npos && name.find(kCheckpointOldMarker) == std::string::npos)
            continue;
        std::error_code rm;
        if (fs::remove_all(it->path(), rm) > 0 && !rm) ++removed;
    }
    return removed;
}

CheckpointInfo readCheckpointInfo(const std::string& dir) {
    const fs::path root(dir);
    std::error_code ec;
    if (!fs::exists(root, ec)) throw std::runtime_error("checkpoint: " + dir + " does not exist");
    if (!fs::is_directory(root, ec))
        throw std::runtime_error("checkpoint: " + dir + " is a file, not a GCPO policy checkpoint directory");
    if (!fs::exists(root / "manifest.json", ec))
        throw std::runtime_error("checkpoint: " + dir + " is not a GCPO policy checkpoint (no manifest.json)");
    const std::string manifest = readText(root / "manifest.json");
    checkManifest(dir, manifest);  // before config.json is read: a foreign directory is named as such
    CheckpointInfo info = parseCheckpointInfo(dir, manifest, readText(root / "config.json"));
    info.hasOptimizer = fs::exists(root / "optimizer.pt", ec);
    return info;
}

void checkManifest(const std::string& dir, const std::string& manifestText) {
    const fs::path path = fs::path(dir) / "manifest.json";
    const auto manifest = parseJson(manifestText, path);
    if (!manifest.is_object() || !manifest.contains("format") || !manifest["format"].is_string() ||
        manifest["format"].get<std::string>() != kCheckpointFormat)
        throw std::runtime_error("checkpoint: " + path.string() + " is not a GCPO policy checkpoint manifest (format " +
                                 (manifest.is_object() && manifest.contains("format") ? util::describeJson(manifest["format"])
                                                                                      : std::string("missing")) +
                                 ", expected \"" + kCheckpointFormat + "\")");
    if (!manifest.contains("version") || !manifest["version"].is_number_integer())
        throw std::runtime_error("checkpoint: " + path.string() + " has no integer version");
    const auto& v = manifest["version"];
    if (v.is_number_unsigned() ? v.get<uint64_t>() != static_cast<uint64_t>(kCheckpointVersion)
                               : (v.get<int64_t>() > kCheckpointVersion || v.get<int64_t>() < 1))
        throw std::runtime_error("checkpoint: " + dir + " has format version " + util::describeJson(v) +
                                 "; this build reads version " + std::to_string(kCheckpointVersion));
}

CheckpointInfo parseCheckpointInfo(const std::string& dir, const std::string& manifestText, const std::string& configText) {
    checkManifest(dir, manifestText);
    const fs::path configPath = fs::path(dir) / "config.json";
    const auto config = parseJson(configText, configPath);
    CheckpointInfo info;
    try {
        if (!config.is_object() || !config.contains("model") || !config.contains("tokenizer"))
            throw std::invalid_argument("missing \"model\" or \"tokenizer\"");
        info.model = modelConfigFromJson(config["model"], "model");
        info.tokenizer = Tokenizer::fromJson(config["tokenizer"]);
        if (config.contains("step")) {
            if (!detailFitsInt64(config["step"])) throw std::invalid_argument("step: must be an integer");
            info.step = config["step"].get<int64_t>();
        }
        if (config.contains("rng") && config["rng"].is_object() && config["rng"].contains("data")) {
            if (!config["rng"]["data"].is_string()) throw std::invalid_argument("rng.data: must be a string");
            info.dataRngState = config["rng"]["data"].get<std::string>();
        }
        if (config.contains("extra")) info.extra = config["extra"];
    } catch (const std::exception& e) {
        throw std::runtime_error("checkpoint: " + configPath.string() + " is invalid: " + util::toValidUtf8(e.what()));
    }
    return info;
}

}  // namespace gcpo::model
