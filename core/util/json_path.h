// Dotted key paths into JSON objects ("gcpo.embedding", "sampling.group_size"): the one lookup and
// the one setter used by the run configuration, the experiment definitions and the config panel.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::util {

// The value at `path`, or nullptr when a part is missing or a node on the way is not an object.
const nlohmann::json* findPath(const nlohmann::json& root, const std::string& path);

// Sets the value at `path`, creating the objects on the way (a null node becomes an object).
// std::invalid_argument for an empty path or part ("a..b") or a node on the way that is neither an
// object nor null ("'a.b' is not an object").
void setPath(nlohmann::json& root, const std::string& path, const nlohmann::json& value);

}  // namespace gcpo::util
