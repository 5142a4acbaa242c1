// Parsing, checking and expanding experiment definitions (see experiment_definition.h).
#include "store/experiment_definition.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "util/json_path.h"

namespace gcpo::store {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

bool validName(const std::string& s) {
    if (s.empty() || s.size() > 100) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

json readJson(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(path + ": cannot open " + what);
    std::ostringstream os;
    os << in.rdbuf();
    try {
        return json::parse(os.str());
    } catch (const json::exception& e) {
        throw std::invalid_argument(path + ": " + what + " is not valid JSON (" + e.what() + ")");
    }
}

void checkSet(const json& set, const std::string& field, std::vector<std::string>& problems) {
    if (!set.is_object()) {
        problems.push_back(field + ": must be an object of \"key.path\": value");
        return;
    }
    for (const auto& [key, value] : set.items()) {
        if (key.empty() || key.front() == '.' || key.back() == '.' || key.find("..") != std::string::npos)
            problems.push_back(field + ": '" + key + "' is not a dotted config key");
        if (key == "seed" || key == "name")
            problems.push_back(field + "." + key + ": set by the experiment for each run, not in a \"set\"");
    }
}

}  // namespace

ExperimentDefinition parseExperimentDefinition(const json& j, const std::string& baseDir, const std::string& resourcesDir,
                                               const std::string& where) {
    std::vector<std::string> problems;
    ExperimentDefinition d;
    if (!j.is_object()) throw std::invalid_argument(where + ": an experiment definition must be a JSON object");
    static const std::set<std::string> kKeys = {"name", "base", "set", "arms", "seeds", "parallel"};
    for (const auto& [key, value] : j.items())
        if (!kKeys.count(key)) problems.push_back(key + ": unknown field (expected name, base, set, arms, seeds, parallel)");

    if (!j.contains("name") || !j["name"].is_string() || !validName(j["name"].get<std::string>()))
        problems.push_back("name: required, 1-100 letters, digits, '-', '_' or '.'");
    else d.name = j["name"].get<std::string>();

    if (!j.contains("base")) {
        problems.push_back("base: required (a config file name or an inline config object)");
    } else if (j["base"].is_object()) {
        d.base = j["base"];
    } else if (j["base"].is_string()) {
        const std::string name = j["base"].get<std::string>();
        fs::path p = fs::path(name).is_absolute() ? fs::path(name) : fs::path(baseDir) / name;
        std::error_code ec;
        if (!fs::exists(p, ec) && !fs::path(name).is_absolute() && !resourcesDir.empty()) p = fs::path(resourcesDir) / name;
        try {
            d.base = readJson(p.string(), "base config");
            if (!d.base.is_object()) problems.push_back("base: " + p.string() + " does not hold a JSON object");
        } catch (const std::invalid_argument& e) {
            problems.push_back(std::string("base: ") + e.what());
        }
    } else {
        problems.push_back("base: must be a config file name or an inline config object");
    }

    if (j.contains("set")) {
        checkSet(j["set"], "set", problems);
        if (j["set"].is_object()) d.set = j["set"];
    }

    if (!j.contains("arms") || !j["arms"].is_array() || j["arms"].empty()) {
        problems.push_back("arms: required, a non-empty array of {\"name\", \"set\"}");
    } else {
        std::set<std::string> names;
        for (size_t i = 0; i < j["arms"].size(); ++i) {
            const json& a = j["arms"][i];
            const std::string field = "arms[" + std::to_string(i) + "]";
            if (!a.is_object()) {
                problems.push_back(field + ": must be an object {\"name\", \"set\"}");
                continue;
            }
            for (const auto& [key, value] : a.items())
                if (key != "name" && key != "set") problems.push_back(field + "." + key + ": unknown field (expected name, set)");
            ExperimentArmDefinition arm;
            if (!a.contains("name") || !a["name"].is_string() || !validName(a["name"].get<std::string>()))
                problems.push_back(field + ".name: required, letters, digits, '-', '_' or '.'");
            else if (!names.insert(a["name"].get<std::string>()).second)
                problems.push_back(field + ".name: '" + a["name"].get<std::string>() + "' is given to another arm too");
            else arm.name = a["name"].get<std::string>();
            if (a.contains("set")) {
                checkSet(a["set"], field + ".set", problems);
                if (a["set"].is_object()) arm.set = a["set"];
            }
            d.arms.push_back(std::move(arm));
        }
    }

    if (!j.contains("seeds")) {
        problems.push_back("seeds: required, a list of seeds or {\"first\": F, \"count\": N}");
    } else if (j["seeds"].is_array()) {
        std::set<int64_t> seen;
        for (size_t i = 0; i < j["seeds"].size(); ++i) {
            const json& s = j["seeds"][i];
            if (!s.is_number_integer() || s.get<int64_t>() < 0)
                problems.push_back("seeds[" + std::to_string(i) + "]: must be an integer >= 0");
            else if (!seen.insert(s.get<int64_t>()).second)
                problems.push_back("seeds[" + std::to_string(i) + "]: seed " + s.dump() + " given twice");
            else d.seeds.push_back(s.get<int64_t>());
        }
        if (j["seeds"].empty()) problems.push_back("seeds: the list is empty");
    } else if (j["seeds"].is_object()) {
        const json& s = j["seeds"];
        const bool ok = s.size() == 2 && s.contains("first") && s.contains("count") && s["first"].is_number_integer() &&
                        s["count"].is_number_integer() && s["first"].get<int64_t>() >= 0 && s["count"].get<int64_t>() >= 1 &&
                        s["count"].get<int64_t>() <= 1000;
        if (!ok) problems.push_back("seeds: {\"first\": F, \"count\": N} needs integers F >= 0 and 1 <= N <= 1000");
        else
            for (int64_t k = 0; k < s["count"].get<int64_t>(); ++k) d.seeds.push_back(s["first"].get<int64_t>() + k);
    } else {
        problems.push_back("seeds: must be a list of seeds or {\"first\": F, \"count\": N}");
    }

    if (j.contains("parallel")) {
        if (!j["parallel"].is_number_integer() || j["parallel"].get<int64_t>() < 1 || j["parallel"].get<int64_t>() > 64)
            problems.push_back("parallel: must be an integer from 1 to 64");
        else d.parallel = j["parallel"].get<int>();
    }

    // The expanded configs must take the settings (an arm may not set "a.b" where "a" is a number).
    if (problems.empty())
        for (size_t i = 0; i < d.arms.size(); ++i) try {
                runConfig(d, i, d.seeds.front());
            } catch (const std::invalid_argument& e) {
                problems.push_back("arms[" + std::to_string(i) + "].set: " + e.what());
            }

    if (!problems.empty()) {
        std::string msg = where + ": invalid experiment definition:";
        for (const auto& p : problems) msg += "\n  " + p;
        throw std::invalid_argument(msg);
    }
    return d;
}

ExperimentDefinition loadExperimentDefinition(const std::string& path, const std::string& resourcesDir) {
    const json j = readJson(path, "experiment definition");
    return parseExperimentDefinition(j, fs::path(path).parent_path().string(), resourcesDir, path);
}

json toJson(const ExperimentDefinition& d) {
    json arms = json::array();
    for (const auto& a : d.arms) arms.push_back({{"name", a.name}, {"set", a.set}});
    return {{"name", d.name}, {"base", d.base}, {"set", d.set}, {"arms", arms}, {"seeds", d.seeds}, {"parallel", d.parallel}};
}

json runConfig(const ExperimentDefinition& d, size_t arm, int64_t seed) {
    json c = d.base;
    for (const auto& [key, value] : d.set.items()) util::setPath(c, key, value);
    for (const auto& [key, value] : d.arms.at(arm).set.items()) util::setPath(c, key, value);
    c["seed"] = seed;
    c["name"] = runName(d, arm, seed);
    return c;
}

std::string runName(const ExperimentDefinition& d, size_t arm, int64_t seed) {
    return d.name + "/" + d.arms.at(arm).name + "/seed" + std::to_string(seed);
}

ExperimentInfo toExperimentInfo(const ExperimentDefinition& d) {
    ExperimentInfo e;
    e.name = d.name;
    e.definitionJson = toJson(d).dump();
    for (size_t i = 0; i < d.arms.size(); ++i) e.arms.push_back({static_cast<int32_t>(i), d.arms[i].name, d.arms[i].set.dump()});
    e.seeds = d.seeds;
    return e;
}

}  // namespace gcpo::store
