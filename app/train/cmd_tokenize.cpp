// gcpo-train tokenize: a Hugging Face model folder's tokenizer from the shell, JSON lines in and out
// (text -> ids, or ids -> text with --decode), so anyone can check it against another implementation.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "model/hf/bpe_tokenizer.h"
#include "model/hf/chat_format.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

struct TokenizeArgs {
    std::string model, input = "-", chat, system;
    bool decode = false, addSpecial = false, skipSpecial = false;
};

nlohmann::json parseLine(const std::string& line, const char* key) {
    if (line.find_first_not_of(" \t") == std::string::npos) throw std::invalid_argument("empty line");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object() || !j.contains(key))
        throw std::invalid_argument(std::string("must be a JSON object with key \"") + key + "\"");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != key) throw std::invalid_argument(it.key() + ": unknown key");
    return j;
}

nlohmann::json encodeLine(const std::string& line, const model::hf::BpeTokenizer& tok, const model::hf::ChatFormat* chat,
                          bool addSpecial) {
    const nlohmann::json j = parseLine(line, "text");
    if (!j["text"].is_string()) throw std::invalid_argument("text: must be a string");
    const std::string text = j["text"].get<std::string>();
    return {{"ids", chat ? chat->promptIds(text) : tok.encode(text, addSpecial)}};
}

nlohmann::json decodeLine(const std::string& line, const model::hf::BpeTokenizer& tok, bool skipSpecial) {
    const nlohmann::json j = parseLine(line, "ids");
    if (!j["ids"].is_array()) throw std::invalid_argument("ids: must be an array of token ids");
    std::vector<int32_t> ids;
    for (size_t i = 0; i < j["ids"].size(); ++i) {
        const auto& v = j["ids"][i];
        if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 0x7FFFFFFF)
            throw std::invalid_argument("ids[" + std::to_string(i) + "]: must be a non-negative integer token id");
        ids.push_back(static_cast<int32_t>(v.get<int64_t>()));
    }
    return {{"text", tok.decode(ids, skipSpecial)}};
}

void addTokenizeCommand(CLI::App& app) {
    auto a = std::make_shared<TokenizeArgs>();
    auto* cmd =
        app.add_subcommand("tokenize", "Encode or decode with a Hugging Face model folder's tokenizer (JSON lines in and out)");
    cmd->add_option("--model", a->model,
                    "model folder with tokenizer.json (tokenizer_config.json, generation_config.json optional)")
        ->required();
    cmd->add_option("input", a->input, "JSON-lines file, or - for stdin")->capture_default_str();
    cmd->add_flag("--decode", a->decode, "read {\"ids\": [...]} lines and write {\"text\": ...}");
    cmd->add_flag("--add-special", a->addSpecial, "add the post-processor's special tokens (e.g. Llama 3's <|begin_of_text|>)");
    cmd->add_flag("--skip-special", a->skipSpecial, "with --decode: leave special tokens out of the text");
    cmd->add_option("--chat", a->chat, "wrap each text as the user turn of a chat prompt: auto, chatml, llama3 or plain");
    cmd->add_option("--system", a->system, "with --chat: the system prompt");
    cmd->footer(
        "Encoding reads {\"text\": \"...\"} lines and writes {\"ids\": [...]}; special tokens written in the text\n"
        "(e.g. <|im_start|>) are matched as such. Output is one line per input line, flushed at once; a bad\n"
        "line gives {\"error\": \"line N: ...\"} and the exit code is then 2 after all lines. Unknown ids decode\n"
        "to nothing, as in Hugging Face tokenizers. An unusable model folder exits with 2 naming the file.");
    cmd->callback([a] {
        std::optional<model::hf::BpeTokenizer> tok;
        std::unique_ptr<model::hf::ChatFormat> chat;
        try {
            tok = model::hf::BpeTokenizer::fromFolder(a->model);
            if (!a->chat.empty()) chat = std::make_unique<model::hf::ChatFormat>(*tok, a->chat, a->system);
        } catch (const std::invalid_argument& e) {  // TokenizerError included
            throw ExitError(kExitBadInput, e.what());
        }
        if (a->decode && !a->chat.empty())
            throw ExitError(kExitBadInput, "tokenize: --chat applies to encoding, not to --decode");
        std::ifstream file;
        if (a->input != "-") {
            file.open(a->input, std::ios::binary);
            if (!file) throw ExitError(kExitBadInput, a->input + ": cannot open file");
        }
        std::istream& in = a->input == "-" ? std::cin : file;
        const std::string inputName = a->input == "-" ? "stdin" : a->input;
        std::string line;
        int64_t lineNo = 0, bad = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            nlohmann::json out;
            try {
                out = a->decode ? decodeLine(line, *tok, a->skipSpecial) : encodeLine(line, *tok, chat.get(), a->addSpecial);
            } catch (const std::exception& e) {
                ++bad;
                out = {{"error", "line " + std::to_string(lineNo) + ": " + e.what()}};
                std::cerr << inputName << ":" << lineNo << ": " << e.what() << "\n";
            }
            std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
        }
        if (bad > 0)
            throw ExitError(kExitBadInput, inputName + ": " + std::to_string(bad) + " bad input line(s) (see their error lines)");
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(80, addTokenizeCommand);

}  // namespace gcpo::cli
