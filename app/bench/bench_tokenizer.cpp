// gcpo-bench tokenizer: load time of a Hugging Face tokenizer.json, and encode / decode throughput on
// mixed text (prose, numbers, code, CJK, emoji), and on unique words with a cold and a warm word cache.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "bench/bench.h"
#include "model/hf/bpe_tokenizer.h"

namespace gcpo::bench {

namespace {

// About `bytes` of varied text; the numbers make many words unique, as in real reasoning traces.
std::string mixedText(size_t bytes) {
    static const char* kParts[] = {
        "The train leaves at {n}:15 and covers {n} km, so its mean speed is {n} km/h. ",
        "Let x = {n}. Then 3x + 7 = {n}, hence the answer is <answer>{n}</answer>.\n",
        "def solve(a, b):\n    return (a * {n} + b) // 2  # integer division\n\n",
        "小明有{n}个苹果，他给了朋友一半，还剩多少？答案是{n}。\n",
        "   indented\tline with tabs and  double  spaces {n}\n",
        "Emoji 😀👍🏽 and the family 👨\u200d👩\u200d👧 say {n}. ",
        "Numbers like 123456789012 and 3.14159 and -{n}e-5 are split digit by digit. ",
    };
    std::string out;
    uint64_t n = 12345;
    size_t i = 0;
    while (out.size() < bytes) {
        std::string p = kParts[i++ % (sizeof(kParts) / sizeof(kParts[0]))];
        for (size_t pos; (pos = p.find("{n}")) != std::string::npos;) {
            n = n * 6364136223846793005ULL + 1442695040888963407ULL;
            p.replace(pos, 3, std::to_string((n >> 33) % 100000));
        }
        out += p;
    }
    return out;
}

// About `bytes` of random lowercase words (3..12 letters): nearly every word is new, so the first
// encoding merges each one and a repeat finds all of them in the word cache.
std::string uniqueWords(size_t bytes) {
    std::string out;
    uint64_t state = 987654321;
    auto next = [&] { return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
    while (out.size() < bytes) {
        const size_t len = 3 + next() % 10;
        out += ' ';
        for (size_t i = 0; i < len; ++i) out += static_cast<char>('a' + next() % 26);
    }
    return out;
}

double seconds(const std::function<void()>& fn) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void addTokenizerBench(CLI::App& app) {
    auto* cmd = app.add_subcommand("tokenizer", "Hugging Face tokenizer: load time, encode and decode throughput");
    auto model = std::make_shared<std::string>();
    auto textFile = std::make_shared<std::string>();
    auto kilobytes = std::make_shared<int>(1024);
    cmd->add_option("--model", *model, "model folder with tokenizer.json")->required();
    cmd->add_option("--text", *textFile, "UTF-8 text file to encode (default: generated mixed text)");
    cmd->add_option("--kb", *kilobytes, "size of the generated text in KiB")
        ->check(CLI::Range(1, 1 << 20))
        ->capture_default_str();
    cmd->callback([model, textFile, kilobytes] {
        printEnvironment();
        std::string text;
        if (textFile->empty()) {
            text = mixedText(static_cast<size_t>(*kilobytes) * 1024);
        } else {
            std::ifstream in(*textFile, std::ios::binary);
            if (!in) throw std::runtime_error(*textFile + ": cannot read file");
            std::ostringstream ss;
            ss << in.rdbuf();
            text = ss.str();
        }
        std::optional<model::hf::BpeTokenizer> tok;
        const double load = seconds([&] { tok = model::hf::BpeTokenizer::fromFolder(*model); });
        std::vector<int32_t> ids;
        const double first = seconds([&] { ids = tok->encode(text); });
        const double again = timePerCall([&] { ids = tok->encode(text); }, 0.5, 2, 3);
        std::string back;
        const double dec = timePerCall([&] { back = tok->decode(ids); }, 0.5, 2, 3);
        const std::string words = uniqueWords(512 * 1024);  // ~65k words: within the 100k-entry word cache
        std::vector<int32_t> wordIds;
        const double cold = seconds([&] { wordIds = tok->encode(words); });                 // every word merged
        const double warm = timePerCall([&] { wordIds = tok->encode(words); }, 0.5, 2, 3);  // every word cached
        const double mb = static_cast<double>(text.size()) / 1e6, wmb = static_cast<double>(words.size()) / 1e6;
        const double toks = static_cast<double>(ids.size()), wtoks = static_cast<double>(wordIds.size());
        std::printf("tokenizer %s: vocabulary %d, loaded in %.2f s\n", model->c_str(), tok->vocabSize(), load);
        std::printf("text %.2f MB -> %.0f tokens (%.2f bytes/token)\n", mb, toks, static_cast<double>(text.size()) / toks);
        std::printf("%-34s %10s %12s\n", "pass", "MB/s", "tokens/s");
        std::printf("%-34s %10.2f %12.0f\n", "encode text, first pass", mb / first, toks / first);
        std::printf("%-34s %10.2f %12.0f\n", "encode text, repeated", mb / again, toks / again);
        std::printf("%-34s %10.2f %12.0f\n", "decode text", mb / dec, toks / dec);
        std::printf("%-34s %10.2f %12.0f\n", "encode unique words, cold cache", wmb / cold, wtoks / cold);
        std::printf("%-34s %10.2f %12.0f   (%.1fx the cold pass)\n", "encode unique words, cached", wmb / warm, wtoks / warm,
                    cold / warm);
        std::printf("# round trip %s\n", back == text ? "exact" : "differs (text not in the tokenizer's normal form)");
    });
}

}  // namespace

GCPO_REGISTER_BENCH(40, addTokenizerBench);

}  // namespace gcpo::bench
