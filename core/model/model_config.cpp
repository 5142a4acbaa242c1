// ModelConfig <-> JSON, validation with key paths, and a readable diff for checkpoint mismatches.
#include "model/model_config.h"

#include <set>
#include <sstream>
#include <stdexcept>

namespace gcpo::model {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& key, const std::string& msg) {
    throw std::invalid_argument(where + "." + key + ": " + msg);
}

int64_t readInt(const nlohmann::json& j, const std::string& where, const char* key, int64_t def) {
    if (!j.contains(key)) return def;
    const auto& v = j[key];
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>())))
        return static_cast<int64_t>(v.get<double>());
    fail(where, key, "expected an integer, got " + v.dump());
}

}  // namespace

bool ModelConfig::operator==(const ModelConfig& o) const {
    return vocabSize == o.vocabSize && layers == o.layers && dModel == o.dModel && heads == o.heads && context == o.context &&
           mlpRatio == o.mlpRatio && dropout == o.dropout && positions == o.positions && tieWeights == o.tieWeights;
}

nlohmann::json toJson(const ModelConfig& c) {
    return {{"vocab_size", c.vocabSize}, {"layers", c.layers},       {"d_model", c.dModel},
            {"heads", c.heads},          {"context", c.context},     {"mlp_ratio", c.mlpRatio},
            {"dropout", c.dropout},      {"positions", c.positions}, {"tie_weights", c.tieWeights}};
}

ModelConfig modelConfigFromJson(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object()) throw std::invalid_argument(where + ": expected a JSON object");
    static const std::set<std::string> known = {"vocab_size", "layers",  "d_model",   "heads",      "context",
                                                "mlp_ratio",  "dropout", "positions", "tie_weights"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) fail(where, it.key(), "unknown key");
    ModelConfig c;
    c.vocabSize = readInt(j, where, "vocab_size", c.vocabSize);
    c.layers = readInt(j, where, "layers", c.layers);
    c.dModel = readInt(j, where, "d_model", c.dModel);
    c.heads = readInt(j, where, "heads", c.heads);
    c.context = readInt(j, where, "context", c.context);
    c.mlpRatio = readInt(j, where, "mlp_ratio", c.mlpRatio);
    if (j.contains("dropout")) {
        if (!j["dropout"].is_number()) fail(where, "dropout", "expected a number, got " + j["dropout"].dump());
        c.dropout = j["dropout"].get<double>();
    }
    if (j.contains("positions")) {
        if (!j["positions"].is_string())
            fail(where, "positions", "expected \"learned\" or \"rotary\", got " + j["positions"].dump());
        c.positions = j["positions"].get<std::string>();
    }
    if (j.contains("tie_weights")) {
        if (!j["tie_weights"].is_boolean()) fail(where, "tie_weights", "expected true or false, got " + j["tie_weights"].dump());
        c.tieWeights = j["tie_weights"].get<bool>();
    }
    validate(c, where);
    return c;
}

void validate(const ModelConfig& c, const std::string& where) {
    if (c.vocabSize < 4 || c.vocabSize > 1000000)
        fail(where, "vocab_size", "must be in 4..1000000, got " + std::to_string(c.vocabSize));
    if (c.layers < 1 || c.layers > 256) fail(where, "layers", "must be in 1..256, got " + std::to_string(c.layers));
    if (c.dModel < 8 || c.dModel > 65536) fail(where, "d_model", "must be in 8..65536, got " + std::to_string(c.dModel));
    if (c.heads < 1 || c.dModel % c.heads != 0)
        fail(where, "heads",
             "must be >= 1 and divide d_model (" + std::to_string(c.dModel) + "), got " + std::to_string(c.heads));
    if (c.context < 2 || c.context > 1 << 20) fail(where, "context", "must be in 2..1048576, got " + std::to_string(c.context));
    if (c.mlpRatio < 1 || c.mlpRatio > 64) fail(where, "mlp_ratio", "must be in 1..64, got " + std::to_string(c.mlpRatio));
    if (!(c.dropout >= 0.0 && c.dropout < 1.0)) fail(where, "dropout", "must be in [0, 1), got " + std::to_string(c.dropout));
    if (c.positions != "learned" && c.positions != "rotary")
        fail(where, "positions", "must be \"learned\" or \"rotary\", got \"" + c.positions + "\"");
    if (c.positions == "rotary" && c.headDim() % 2 != 0)
        fail(where, "heads", "rotary positions need an even head size (d_model / heads = " + std::to_string(c.headDim()) + ")");
}

std::string describeDifference(const ModelConfig& a, const ModelConfig& b) {
    std::ostringstream os;
    auto field = [&](const char* name, const auto& x, const auto& y) {
        if (x == y) return;
        if (os.tellp() > 0) os << ", ";
        os << name << " " << x << " vs " << y;
    };
    field("vocab_size", a.vocabSize, b.vocabSize);
    field("layers", a.layers, b.layers);
    field("d_model", a.dModel, b.dModel);
    field("heads", a.heads, b.heads);
    field("context", a.context, b.context);
    field("mlp_ratio", a.mlpRatio, b.mlpRatio);
    field("dropout", a.dropout, b.dropout);
    field("positions", a.positions, b.positions);
    field("tie_weights", a.tieWeights, b.tieWeights);
    return os.str();
}

}  // namespace gcpo::model
