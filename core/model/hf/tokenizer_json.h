// Reading tokenizer.json values with errors that name the file and the JSON path of the bad value.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/hf/bpe_tokenizer.h"

namespace gcpo::model::hf {

// Where a value sits: the file name and its JSON path ("pre_tokenizer.pretokenizers[0].pattern").
struct JsonAt {
    const nlohmann::json& value;
    std::string source;
    std::string path;

    [[noreturn]] void fail(const std::string& message) const {
        throw TokenizerError(source + ": " + (path.empty() ? std::string("(top level)") : path) + ": " + message);
    }
    JsonAt at(const std::string& key) const {
        if (!value.is_object()) fail("must be an object");
        const auto it = value.find(key);
        if (it == value.end()) JsonAt{value, source, join(key)}.fail("missing");
        return {*it, source, join(key)};
    }
    JsonAt at(size_t index) const { return {value.at(index), source, path + "[" + std::to_string(index) + "]"}; }
    bool has(const std::string& key) const { return value.is_object() && value.contains(key) && !value.at(key).is_null(); }

    std::string str() const {
        if (!value.is_string()) fail("must be a string");
        return value.get<std::string>();
    }
    bool boolean() const {
        if (!value.is_boolean()) fail("must be true or false");
        return value.get<bool>();
    }
    int64_t integer() const {
        if (!value.is_number_integer()) fail("must be an integer");
        return value.get<int64_t>();
    }
    int32_t tokenIdValue() const {
        const int64_t v = integer();
        if (v < 0 || v > 0x7FFFFFFF) fail("token id out of range");
        return static_cast<int32_t>(v);
    }
    const nlohmann::json& array() const {
        if (!value.is_array()) fail("must be an array");
        return value;
    }
    // Optional members: the default when absent or null, else the typed value.
    bool optBool(const std::string& key, bool dflt) const { return has(key) ? at(key).boolean() : dflt; }
    std::string optStr(const std::string& key, const std::string& dflt) const { return has(key) ? at(key).str() : dflt; }

private:
    std::string join(const std::string& key) const { return path.empty() ? key : path + "." + key; }
};

}  // namespace gcpo::model::hf
