// Dotted key paths into JSON objects (see json_path.h).
#include "util/json_path.h"

#include <stdexcept>

namespace gcpo::util {

using nlohmann::json;

const json* findPath(const json& root, const std::string& path) {
    const json* node = &root;
    size_t start = 0;
    while (true) {
        const size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!node->is_object() || !node->contains(part)) return nullptr;
        node = &(*node)[part];
        if (dot == std::string::npos) return node;
        start = dot + 1;
    }
}

void setPath(json& root, const std::string& path, const json& value) {
    if (path.empty()) throw std::invalid_argument("empty config key");
    json* node = &root;
    size_t start = 0;
    while (true) {
        const size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (part.empty()) throw std::invalid_argument("config key '" + path + "' has an empty part");
        if (!node->is_object()) {
            if (!node->is_null())
                throw std::invalid_argument("config key '" + path + "': '" + path.substr(0, start - 1) + "' is not an object");
            *node = json::object();
        }
        if (dot == std::string::npos) {
            (*node)[part] = value;
            return;
        }
        node = &(*node)[part];
        start = dot + 1;
    }
}

}  // namespace gcpo::util
