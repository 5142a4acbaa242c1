// Exit codes and progress lines shared by gcpo-train and the workbench's launcher.
#include "util/run_protocol.h"

namespace gcpo {

namespace {
struct PhaseName {
    RunPhase phase;
    const char* name;
};
constexpr PhaseName kPhases[] = {{RunPhase::Sft, "sft"},
                                 {RunPhase::Eval, "eval"},
                                 {RunPhase::Step, "step"},
                                 {RunPhase::Done, "done"},
                                 {RunPhase::Interrupted, "interrupted"},
                                 {RunPhase::Failed, "failed"},
                                 {RunPhase::Resume, "resume"}};
}  // namespace

bool exitCodeFromInt(int status, ExitCode* out) {
    for (const auto& c : kExitCodes)
        if (toInt(c.code) == status) {
            *out = c.code;
            return true;
        }
    return false;
}

const char* toString(RunPhase p) {
    for (const auto& n : kPhases)
        if (n.phase == p) return n.name;
    return "?";
}

bool runPhaseFromString(const std::string& s, RunPhase* out) {
    for (const auto& n : kPhases)
        if (s == n.name) {
            *out = n.phase;
            return true;
        }
    return false;
}

nlohmann::json toJson(const RunProgress& p) {
    return {{"phase", toString(p.phase)},    {"run_id", p.runId},     {"step", p.step},       {"total", p.totalSteps},
            {"elapsed_s", p.elapsedSeconds}, {"eta_s", p.etaSeconds}, {"metrics", p.metrics}, {"message", p.message}};
}

bool parseProgressLine(const std::string& line, RunProgress* out) {
    const size_t first = line.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || line[first] != '{') return false;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("phase") || !j["phase"].is_string()) return false;
    RunProgress p;
    if (!runPhaseFromString(j["phase"].get<std::string>(), &p.phase)) return false;
    auto integer = [&](const char* key) { return j.contains(key) && j[key].is_number() ? j[key].get<int64_t>() : 0; };
    auto number = [&](const char* key, double fallback) {
        return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
    };
    p.runId = integer("run_id");
    p.step = integer("step");
    p.totalSteps = integer("total");
    p.elapsedSeconds = number("elapsed_s", 0.0);
    p.etaSeconds = number("eta_s", -1.0);
    if (j.contains("metrics") && j["metrics"].is_object()) p.metrics = j["metrics"];
    if (j.contains("message") && j["message"].is_string()) p.message = j["message"].get<std::string>();
    *out = p;
    return true;
}

}  // namespace gcpo
