// Unit tests of the Hugging Face BPE tokenizer on small hand-made tokenizer.json files whose ids are
// worked out by hand from the rules of the `tokenizers` library (merge ranks, added-token flags,
// byte fallback, templates), its UTF-8 helpers against the Unicode standard's own examples, its
// errors, and `gcpo-train tokenize` end to end.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "hf_fixtures.h"
#include "model/hf/bpe_tokenizer.h"
#include "model/hf/chat_format.h"
#include "model/hf/split_regex.h"
#include "model/hf/unicode_text.h"

using gcpo::model::hf::BpeTokenizer;
using gcpo::model::hf::TokenizerError;
using json = nlohmann::json;
using Ids = std::vector<int32_t>;

namespace {

// tokenizer.json of a byte-level BPE whose ids 0..255 are the 256 bytes (id == byte value).
json byteLevelTokenizer() {
    json vocab = json::object();
    const auto& alphabet = gcpo::model::hf::byteLevelAlphabet();
    for (int b = 0; b < 256; ++b) vocab[alphabet[b]] = b;
    json byteLevel = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
    return {{"version", "1.0"},
            {"added_tokens", json::array()},
            {"normalizer", nullptr},
            {"pre_tokenizer", byteLevel},
            {"post_processor", nullptr},
            {"decoder", byteLevel},
            {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", json::array()}, {"ignore_merges", false}}}};
}

// Adds a merge left+right (the merged token gets the next free id) and returns the merged id.
int32_t addMerge(json& tok, const std::string& left, const std::string& right) {
    json& vocab = tok["model"]["vocab"];
    const std::string merged = left + right;
    if (!vocab.contains(merged)) vocab[merged] = static_cast<int32_t>(vocab.size());
    tok["model"]["merges"].push_back({left, right});
    return vocab[merged].get<int32_t>();
}

json addedToken(int32_t id, const std::string& content, bool special, bool lstrip = false, bool rstrip = false,
                bool normalized = false, bool singleWord = false) {
    return {{"id", id},         {"content", content},       {"special", special},       {"lstrip", lstrip},
            {"rstrip", rstrip}, {"normalized", normalized}, {"single_word", singleWord}};
}

Ids bytesOf(const std::string& s) {
    Ids ids;
    for (unsigned char c : s) ids.push_back(c);
    return ids;
}

Ids cat(std::initializer_list<Ids> parts) {
    Ids all;
    for (const Ids& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
}

BpeTokenizer load(const json& tok, const json& config = nullptr, const json& generation = nullptr) {
    return BpeTokenizer::fromJsonText(tok.dump(), config.is_null() ? "" : config.dump(),
                                      generation.is_null() ? "" : generation.dump());
}

}  // namespace

class TestBpeTokenizer : public QObject {
    Q_OBJECT

private slots:
    void byteAlphabetIsGpt2s();
    void lossyUtf8FollowsTheUnicodeStandard();
    void mergesApplyLowestRankFirstThenLeftmost();
    void ignoreMergesTakesWholeWordsFromTheVocabulary();
    void preTokenizerSplitsWordsAndSpaces();
    void addedTokensHonourTheirFlags();
    void templateProcessingAddsSpecialTokensOnRequest();
    void decodeReplacesPartialUtf8();
    void sentencePieceStyleByteFallback();
    void whitespaceClassIsOniguruma();
    void longInputsStayFast();
    void concurrentEncodingAgrees();
    void badFilesAreRefusedNamingFileAndPath();
    void eosIdsComeFromBothConfigs();
    void cliEncodesAndDecodesJsonLines();
    void tinyFixtureIsAQwenStyleTokenizer();
};

void TestBpeTokenizer::byteAlphabetIsGpt2s() {
    const auto& a = gcpo::model::hf::byteLevelAlphabet();
    std::set<std::string> distinct(a.begin(), a.end());
    QCOMPARE(distinct.size(), size_t(256));
    QCOMPARE(a[' '], std::string("\xC4\xA0"));   // U+0120 'Ġ'
    QCOMPARE(a['\n'], std::string("\xC4\x8A"));  // U+010A 'Ċ'
    QCOMPARE(a['a'], std::string("a"));
    QCOMPARE(a[0xAD], std::string("\xC5\x83"));  // soft hyphen is the 68th remapped byte: U+0143
    for (int b = 0; b < 256; ++b) {
        size_t pos = 0;
        char32_t cp = 0;
        QVERIFY(gcpo::model::hf::nextCodePoint(a[b], pos, cp) && pos == a[b].size());
        QCOMPARE(gcpo::model::hf::byteLevelByte(cp), b);
    }
}

void TestBpeTokenizer::lossyUtf8FollowsTheUnicodeStandard() {
    // Unicode 15 core spec, section 3.9, Table 3-8: U+FFFD for each maximal subpart.
    const std::string in("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64");
    const std::string r = "\xEF\xBF\xBD";
    QCOMPARE(gcpo::model::hf::utf8Lossy(in), "a" + r + r + r + "b" + r + "c" + r + r + "d");
    QCOMPARE(gcpo::model::hf::utf8Lossy("\xED\xA0\x80x"), r + r + r + "x");  // a surrogate is three subparts
    QCOMPARE(gcpo::model::hf::utf8Lossy("\xF0\x9F\x98"), r);                 // a truncated emoji is one
    QCOMPARE(gcpo::model::hf::utf8Lossy("ok \xE4\xBD\xA0"), std::string("ok \xE4\xBD\xA0"));
    QCOMPARE(gcpo::model::hf::invalidUtf8Offset("ab\xC0\xAF"), size_t(2));
}

void TestBpeTokenizer::mergesApplyLowestRankFirstThenLeftmost() {
    json t = byteLevelTokenizer();
    const int32_t bc = addMerge(t, "b", "c");  // rank 0
    addMerge(t, "a", "b");                     // rank 1: never reached for "abc", b is taken first
    QCOMPARE(load(t).encode("abc"), (Ids{'a', bc}));

    json u = byteLevelTokenizer();
    addMerge(u, "a", "b");
    addMerge(u, "b", "c");
    const int32_t abc = addMerge(u, "ab", "c");
    QCOMPARE(load(u).encode("abc"), (Ids{abc}));

    json v = byteLevelTokenizer();
    const int32_t aa = addMerge(v, "a", "a");
    QCOMPARE(load(v).encode("aaa"), (Ids{aa, 'a'}));  // equal ranks: the leftmost pair first
    const int32_t aaaa = addMerge(v, "aa", "aa");
    QCOMPARE(load(v).encode("aaaaaaa"), (Ids{aaaa, aa, 'a'}));

    json legacy = u;  // the same merges written as "left right" strings
    legacy["model"]["merges"] = {"a b", "b c", "ab c"};
    QCOMPARE(load(legacy).encode("abc"), (Ids{abc}));
}

void TestBpeTokenizer::ignoreMergesTakesWholeWordsFromTheVocabulary() {
    json t = byteLevelTokenizer();
    const int32_t ab = addMerge(t, "a", "b");
    t["model"]["vocab"]["abc"] = 999;
    QCOMPARE(load(t).encode("abc"), (Ids{ab, 'c'}));
    t["model"]["ignore_merges"] = true;
    QCOMPARE(load(t).encode("abc"), (Ids{999}));
    QCOMPARE(load(t).encode("abcd"), (Ids{ab, 'c', 'd'}));
}

void TestBpeTokenizer::preTokenizerSplitsWordsAndSpaces() {
    // GPT-2's regex: "Hello" " world" "!!" "  " " " -> with a "Ġ"+"w" merge only the second word merges.
    json t = byteLevelTokenizer();
    const int32_t gw = addMerge(t, "\xC4\xA0", "w");
    QCOMPARE(load(t).encode("Hello world!!   x"),
             cat({bytesOf("Hello"), Ids{gw}, bytesOf("orld!!"), bytesOf("  "), bytesOf(" x")}));
}

void TestBpeTokenizer::addedTokensHonourTheirFlags() {
    json t = byteLevelTokenizer();
    t["added_tokens"] = {addedToken(300, "<s>", true), addedToken(301, "[M]", false, true, true),
                         addedToken(302, "cat", false, false, false, false, true),
                         addedToken(303, "hello", false, false, false, true)};
    t["normalizer"] = {{"type", "Lowercase"}};
    const BpeTokenizer tok = load(t);
    QCOMPARE(tok.encode("a<s>b"), cat({Ids{'a', 300, 'b'}}));
    QCOMPARE(tok.encode("<s><s>"), (Ids{300, 300}));
    // lstrip and rstrip swallow the whitespace around the token.
    QCOMPARE(tok.encode("x \t[M]  y"), (Ids{'x', 301, 'y'}));
    // single_word: only "cat" standing alone is the token, not inside "concat" or "cats".
    QCOMPARE(tok.encode("concat cat cats"), cat({bytesOf("concat"), bytesOf(" "), Ids{302}, bytesOf(" cats")}));
    // normalized: matched after the (lowercasing) normalizer; the raw tokens above are not lowercased.
    QCOMPARE(tok.encode("HELLO World"), cat({Ids{303}, bytesOf(" world")}));
    QCOMPARE(tok.decode({'a', 300, 301, 302}), std::string("a<s>[M]cat"));
    QCOMPARE(tok.decode({'a', 300, 301}, true), std::string("a[M]"));  // only special ones are skipped
    QVERIFY(tok.isSpecial(300) && !tok.isSpecial(301));
    QCOMPARE(tok.vocabSize(), 304);
    QCOMPARE(tok.tokenId("[M]"), std::optional<int32_t>(301));
}

void TestBpeTokenizer::templateProcessingAddsSpecialTokensOnRequest() {
    json t = byteLevelTokenizer();
    t["added_tokens"] = {addedToken(256, "<|begin_of_text|>", true)};
    const json bos = {{"SpecialToken", {{"id", "<|begin_of_text|>"}, {"type_id", 0}}}};
    const json seq = {{"Sequence", {{"id", "A"}, {"type_id", 0}}}};
    json specials = json::object();
    specials["<|begin_of_text|>"] = {{"id", "<|begin_of_text|>"}, {"ids", {256}}, {"tokens", {"<|begin_of_text|>"}}};
    json templ = {{"type", "TemplateProcessing"},
                  {"single", json::array({bos, seq})},
                  {"pair", json::array()},
                  {"special_tokens", specials}};
    json byteLevel = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}};
    t["post_processor"] = {{"type", "Sequence"}, {"processors", json::array({byteLevel, templ})}};
    const BpeTokenizer tok = load(t, {{"bos_token", "<|begin_of_text|>"}, {"eos_token", {{"content", "<|begin_of_text|>"}}}});
    QCOMPARE(tok.encode("hi", true), (Ids{256, 'h', 'i'}));
    QCOMPARE(tok.encode("hi", false), (Ids{'h', 'i'}));
    QCOMPARE(tok.bosId(), std::optional<int32_t>(256));
}

void TestBpeTokenizer::decodeReplacesPartialUtf8() {
    const BpeTokenizer tok = load(byteLevelTokenizer());
    const std::string ni = "\xE4\xBD\xA0";  // 你
    QCOMPARE(tok.encode(ni), bytesOf(ni));
    QCOMPARE(tok.decode(bytesOf(ni)), ni);
    QCOMPARE(tok.decode({0xE4, 0xBD}), std::string("\xEF\xBF\xBD"));
    QCOMPARE(tok.decode({0xE4, 0xBD, 'x'}), std::string("\xEF\xBF\xBDx"));
    QCOMPARE(tok.tokenBytes(0xE4), std::string("\xE4"));
    QCOMPARE(tok.decode({5000, 'o', 'k'}), std::string("ok"));  // an id without a token decodes to nothing
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tok.encode("bad \xFF byte"));
}

void TestBpeTokenizer::sentencePieceStyleByteFallback() {
    json vocab = {{"<unk>", 0}};
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", b);
        vocab[name] = b + 1;
    }
    const std::string m = "\xE2\x96\x81";  // U+2581 '▁'
    vocab[m] = 257;
    vocab["a"] = 258;
    vocab[m + "a"] = 259;
    json t = {
        {"added_tokens", json::array()},
        {"normalizer",
         {{"type", "Sequence"},
          {"normalizers",
           {{{"type", "Prepend"}, {"prepend", m}}, {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", m}}}}}},
        {"pre_tokenizer", nullptr},
        {"decoder",
         {{"type", "Sequence"},
          {"decoders",
           {{{"type", "Replace"}, {"pattern", {{"String", m}}}, {"content", " "}},
            {{"type", "ByteFallback"}},
            {{"type", "Fuse"}},
            {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}}},
        {"model",
         {{"type", "BPE"},
          {"vocab", vocab},
          {"merges", json::array({json::array({m, "a"})})},
          {"byte_fallback", true},
          {"unk_token", "<unk>"}}}};
    const BpeTokenizer tok = load(t);
    const Ids ids = tok.encode("a \xC3\xA9");  // "a é" -> "▁a▁é" -> ▁a ▁ <0xC3> <0xA9>
    QCOMPARE(ids, (Ids{259, 257, 0xC3 + 1, 0xA9 + 1}));
    QCOMPARE(tok.decode(ids), std::string("a \xC3\xA9"));
    QCOMPARE(tok.decode({259, 0xC3 + 1}), std::string("a\xEF\xBF\xBD"));  // ByteFallback: one U+FFFD per bad byte

    // Mistral v0.3 style: Metaspace with prepend_scheme "first" prepends only at the input's start,
    // not after an added token; its decoder drops the first token's leading replacement.
    json u = t;
    u["normalizer"] = nullptr;
    u["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", m}, {"prepend_scheme", "first"}, {"split", false}};
    u["decoder"] = {{"type", "Metaspace"}, {"replacement", m}, {"prepend_scheme", "first"}, {"split", false}};
    u["added_tokens"] = {addedToken(260, "<s>", true)};
    const BpeTokenizer mis = load(u);
    QCOMPARE(mis.encode("a a"), (Ids{259, 259}));
    QCOMPARE(mis.encode("<s>a"), (Ids{260, 258}));
    QCOMPARE(mis.encode("a<s>a"), (Ids{259, 260, 258}));
    QCOMPARE(mis.decode({259, 259}), std::string("a a"));
}

void TestBpeTokenizer::whitespaceClassIsOniguruma() {
    using gcpo::model::hf::SplitRegex;
    const SplitRegex re("\\s+");
    QCOMPARE(re.findAll("a\xC2\x85"
                        "b")
                 .size(),
             size_t(1));  // U+0085 is White_Space
    QCOMPARE(re.findAll("a\xE1\xA0\x8E"
                        "b")
                 .size(),
             size_t(0));  // U+180E is not (PCRE2 alone would say yes)
    QCOMPARE(re.findAll("a\xEF\xBB\xBF"
                        "b")
                 .size(),
             size_t(0));  // nor U+FEFF (JavaScript's \s would)
    QCOMPARE(SplitRegex::literal("a.b").findAll("axb a.b").size(), size_t(1));
    const auto empty = SplitRegex("x*").findAll("ab");
    QCOMPARE(empty.size(), size_t(3));  // empty matches at 0, 1, 2 as Oniguruma's find_iter gives them
}

void TestBpeTokenizer::longInputsStayFast() {
    json t = byteLevelTokenizer();
    addMerge(t, "a", "a");
    addMerge(t, "aa", "aa");
    const BpeTokenizer tok = load(t);
    const std::string word(200000, 'a'), spaces(200000, ' ');
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(tok.encode(word).size(), size_t(50000));
    QCOMPARE(tok.decode(tok.encode(spaces + word)), spaces + word);
    QVERIFY2(timer.elapsed() < 20000, "a 400 kB input must not take quadratic time");
}

void TestBpeTokenizer::concurrentEncodingAgrees() {
    json t = byteLevelTokenizer();
    addMerge(t, "t", "h");
    addMerge(t, "th", "e");
    const BpeTokenizer tok = load(t);
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "the other " + std::to_string(i) + " thesis ";
    const Ids expected = tok.encode(text);
    std::vector<Ids> got(4);
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k) threads.emplace_back([&, k] { got[k] = tok.encode(text); });
    for (auto& th : threads) th.join();
    for (const Ids& g : got) QCOMPARE(g, expected);
}

void TestBpeTokenizer::badFilesAreRefusedNamingFileAndPath() {
    auto message = [](const json& tok, const json& gen = nullptr) -> QString {
        try {
            load(tok, nullptr, gen);
        } catch (const TokenizerError& e) {
            return QString::fromUtf8(e.what());
        }
        return "accepted";
    };
    json t = byteLevelTokenizer();
    t["model"]["merges"] = json::array({json::array({"a", "b"}), json::array({"zz", "q"})});
    t["model"]["vocab"]["ab"] = 256;
    QVERIFY2(message(t).contains("tokenizer.json: model.merges[1]: token 'zz' is not in model.vocab"), qPrintable(message(t)));
    json u = byteLevelTokenizer();
    u["pre_tokenizer"] = {
        {"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"}, {"pattern", {{"Regex", "(unclosed"}}}, {"behavior", "Isolated"}, {"invert", false}}}}};
    QVERIFY2(message(u).contains("pre_tokenizer.pretokenizers[0].pattern: regex does not compile"), qPrintable(message(u)));
    json v = byteLevelTokenizer();
    v["decoder"] = {{"type", "CTC"}};
    QVERIFY2(message(v).contains("decoder.type: unsupported decoder type 'CTC'"), qPrintable(message(v)));
    json w = byteLevelTokenizer();
    w["added_tokens"] = {{{"id", -3}, {"content", "x"}}};
    QVERIFY2(message(w).contains("added_tokens[0].id: token id out of range"), qPrintable(message(w)));
    QVERIFY2(message(byteLevelTokenizer(), {{"eos_token_id", {5, 70000}}})
                 .contains("generation_config.json: eos_token_id[1]: id 70000 is outside"),
             qPrintable(message(byteLevelTokenizer(), {{"eos_token_id", {5, 70000}}})));
    QVERIFY_THROWS_EXCEPTION(TokenizerError, BpeTokenizer::fromJsonText(byteLevelTokenizer().dump().substr(0, 500)));
    QVERIFY_THROWS_EXCEPTION(TokenizerError, BpeTokenizer::fromFolder("/nonexistent/model"));
    QVERIFY_THROWS_EXCEPTION(TokenizerError, BpeTokenizer::fromJsonText("[1, 2]"));
}

void TestBpeTokenizer::eosIdsComeFromBothConfigs() {
    json t = byteLevelTokenizer();
    t["added_tokens"] = {addedToken(256, "<|im_end|>", true), addedToken(257, "<|endoftext|>", true),
                         addedToken(258, "<|im_start|>", true)};
    const BpeTokenizer tok =
        load(t, {{"eos_token", "<|im_end|>"}, {"pad_token", "<|endoftext|>"}, {"chat_template", "{{ '<|im_start|>' }}"}},
             {{"eos_token_id", {257, 256}}});
    QCOMPARE(tok.eosIds(), (Ids{257, 256}));
    QCOMPARE(tok.padId(), std::optional<int32_t>(257));
    const gcpo::model::hf::ChatFormat chat(tok);
    QCOMPARE(chat.kind(), gcpo::model::hf::ChatFormatKind::ChatMl);
    QCOMPARE(chat.promptText("Q"), std::string("<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n"));
    QCOMPARE(chat.stopIds(), (Ids{257, 256}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gcpo::model::hf::ChatFormat(tok, "llama3"));  // no llama3 markers
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gcpo::model::hf::ChatFormat(tok, "vicuna"));
    const gcpo::model::hf::ChatFormat plain(tok, "plain", "Be brief.");
    QCOMPARE(plain.promptText("Q"), std::string("Be brief.\n\nQ"));
}

void TestBpeTokenizer::cliEncodesAndDecodesJsonLines() {
    const QString exe = qEnvironmentVariable("GCPO_TRAIN");
    QVERIFY2(QFileInfo(exe).isExecutable(), "GCPO_TRAIN must point at gcpo-train");
    QTemporaryDir dir;
    json t = byteLevelTokenizer();
    const int32_t gw = addMerge(t, "\xC4\xA0", "w");
    t["added_tokens"] = {addedToken(300, "<|im_end|>", true)};
    std::ofstream(dir.filePath("tokenizer.json").toStdString()) << t.dump();
    auto run = [&](const QStringList& args, const QByteArray& in) {
        QProcess p;
        p.start(exe, args);
        p.write(in);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return std::make_tuple(p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError());
    };
    // Good lines are answered, a bad line gets an error line naming it, and the exit code is then 2.
    const auto [code, out, err] =
        run({"tokenize", "--model", dir.path()},
            "{\"text\": \"a world<|im_end|>\"}\n{\"text\": \"\\u00e9\"}\n{\"txt\": 1}\nnot json\n{\"text\": \"x\"}\n");
    QCOMPARE(code, 2);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0], "{\"ids\":[97," + QByteArray::number(gw) + ",111,114,108,100,300]}");
    QCOMPARE(lines[1], QByteArray("{\"ids\":[195,169]}"));
    QVERIFY2(lines[2].contains("\"line 3: ") && lines[3].contains("\"line 4: not valid JSON"), out.constData());
    QCOMPARE(lines[4], QByteArray("{\"ids\":[120]}"));
    QVERIFY2(err.contains("stdin:3: "), err.constData());
    const auto [dcode, dout, derr] =
        run({"tokenize", "--model", dir.path(), "--decode"}, "{\"ids\":[97,300,195]}\n{\"ids\":[195,169]}\n{\"ids\":[1,-4]}\n");
    QCOMPARE(dcode, 2);
    const QList<QByteArray> dlines = dout.trimmed().split('\n');
    QCOMPARE(dlines.size(), 3);
    QCOMPARE(dlines[0], QByteArray("{\"text\":\"a<|im_end|>\xEF\xBF\xBD\"}"));
    QCOMPARE(dlines[1], QByteArray("{\"text\":\"\xC3\xA9\"}"));
    QVERIFY2(dlines[2].contains("line 3: ids[1]: must be a non-negative integer token id"), dout.constData());
    // An unusable folder: exit 2 naming the file.
    std::ofstream(dir.filePath("tokenizer.json").toStdString()) << "{\"model\": {\"vocab\": {}}}";
    const auto [fcode, fout, ferr] = run({"tokenize", "--model", dir.path()}, "");
    QCOMPARE(fcode, 2);
    QVERIFY2(ferr.contains("tokenizer.json: model.merges: missing"), ferr.constData());
}

void TestBpeTokenizer::tinyFixtureIsAQwenStyleTokenizer() {
    QTemporaryDir dir;
    const int n = gcpo::testing::tinyQwenStyleTokenizer(dir.path().toStdString());
    const BpeTokenizer tok = BpeTokenizer::fromFolder(dir.path().toStdString());
    QCOMPARE(tok.vocabSize(), n);
    const int32_t he = *tok.tokenId("he"), imStart = n - 2, imEnd = n - 1;
    QCOMPARE(tok.encode("the cat"), (Ids{'t', he, ' ', 'c', 'a', 't'}));  // "Ġ" is byte 32's token: id 32
    QCOMPARE(tok.eosIds(), (Ids{imEnd, n - 3}));
    const gcpo::model::hf::ChatFormat chat(tok);
    QCOMPARE(chat.kind(), gcpo::model::hf::ChatFormatKind::ChatMl);
    const Ids prompt = chat.promptIds("hi");
    QCOMPARE(prompt.front(), imStart);
    QCOMPARE(tok.decode(prompt), std::string("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"));
}

QTEST_GUILESS_MAIN(TestBpeTokenizer)
#include "test_bpe_tokenizer.moc"
