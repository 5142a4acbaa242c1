// The BPE tokenizer on Qwen3's real tokenizer files against independent references: the JS tokenizer
// of the npm package @lenml/tokenizers (a port of transformers.js) for token ids and decoded text, and
// the model's own Jinja chat template rendered by jinja2 (as transformers' apply_chat_template does)
// for the chat formats. Skips, saying why, when setup could not cache the npm package or when node or
// python3 with jinja2 is missing.
#include <QtTest>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "hf_fixtures.h"
#include "model/hf/bpe_tokenizer.h"
#include "model/hf/chat_format.h"
#include "model/hf/unicode_text.h"

using gcpo::model::hf::BpeTokenizer;
using gcpo::model::hf::ChatFormat;
using json = nlohmann::json;
using Ids = std::vector<int32_t>;

namespace {

const QString kScripts = qEnvironmentVariable("GCPO_TEST_DATA") + "/../hf";

std::vector<json> jsonLines(const QByteArray& out) {
    std::vector<json> v;
    for (const QByteArray& line : out.split('\n'))
        if (!line.trimmed().isEmpty()) v.push_back(json::parse(line.toStdString()));
    return v;
}

QByteArray toLines(const std::vector<json>& v) {
    QByteArray b;
    for (const json& j : v) b += QByteArray::fromStdString(j.dump()) + "\n";
    return b;
}

// Runs `program args` with `input` on stdin; fails the test on a non-zero exit.
std::vector<json> runTool(const QString& program, const QStringList& args, const std::vector<json>& input) {
    QProcess p;
    p.start(program, args);
    p.write(toLines(input));
    p.closeWriteChannel();
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().right(600).constData());
        return {};
    }
    return jsonLines(p.readAllStandardOutput());
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Test templates written after the shape of the official ones (Qwen3's real one is tested as shipped).
const char* kQwen25Template = R"({%- if messages[0]['role'] == 'system' %}
    {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
{%- else %}
    {{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %})";

const char* kLlama3Template =
    R"({% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %})";

const char* kLlama31Template = R"({{- bos_token }}
{%- if not date_string is defined %}
    {%- set date_string = "26 Jul 2024" %}
{%- endif %}
{%- if messages[0]['role'] == 'system' %}
    {%- set system_message = messages[0]['content']|trim %}
    {%- set messages = messages[1:] %}
{%- else %}
    {%- set system_message = "" %}
{%- endif %}
{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
{{- "Cutting Knowledge Date: December 2023\n" }}
{{- "Today Date: " + date_string + "\n\n" }}
{{- system_message }}
{{- "<|eot_id|>" }}
{%- for message in messages %}
    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
{%- endif %})";

}  // namespace

class TestBpeReference : public QObject {
    Q_OBJECT
    // Each JS and our own load of the 11 MB tokenizer.json takes seconds: every reference is asked once.
    std::string m_dir, m_modules, m_extendedDir;
    QString m_node, m_python;
    std::optional<BpeTokenizer> m_tok, m_extended;
    QTemporaryDir m_tmp;
    std::vector<json> m_corpus, m_encodeIn, m_encodeRef, m_decodeIn, m_decodeRef, m_extendedRef;
    size_t m_chatBegin = 0;  // m_encodeIn[m_chatBegin..] are the rendered Qwen3 chat prompts
    bool m_jinja = false;
    struct Template {
        std::string source, kind;
        std::vector<std::string> texts;  // jinja2's rendering of m_chats
    };
    std::vector<Template> m_templates;  // [0] Qwen3's real one; then templates on the extended vocabulary

    std::vector<json> node(const std::string& modelDir, const std::vector<json>& in, bool decode = false) const {
        QStringList args{kScripts + "/tokenizer_reference.js", QString::fromStdString(m_modules),
                         QString::fromStdString(modelDir)};
        if (decode) args << "--decode";
        return runTool(m_node, args, in);
    }
    // jinja2's rendering of [system?, user] + generation prompt for each chat, with the config's tokens.
    std::vector<std::string> render(const std::string& configPath) const {
        std::vector<json> in;
        for (const auto& [system, user] : m_chats) {
            json messages = json::array();
            if (!system.empty()) messages.push_back({{"role", "system"}, {"content", system}});
            messages.push_back({{"role", "user"}, {"content", user}});
            in.push_back({{"messages", messages}});
        }
        std::vector<std::string> texts;
        for (const json& j : runTool(m_python, {kScripts + "/render_chat_template.py", QString::fromStdString(configPath)}, in))
            texts.push_back(j.at("text").get<std::string>());
        return texts;
    }
    const std::vector<std::pair<std::string, std::string>> m_chats{
        {"", "What is 2+2?"},
        {"You are a careful solver.", "Solve: 3x + 5 = 20.\nGive the answer in <answer></answer> tags."},
        {"  padded system  ", "  \xC3\x9Cn\xC3\xAF 你好 😀 \n"},
    };

    // Qwen's tokenizer.json plus Llama 3's four marker tokens (so one vocabulary serves every template),
    // with one config per test template; returns the folder.
    void writeExtendedFolder() {
        std::string text = readAll(m_dir + "/tokenizer.json");
        const size_t at = text.find("\"added_tokens\":");
        const size_t open = text.find('[', at);
        QVERIFY(at != std::string::npos && open != std::string::npos);
        std::string extra;
        int32_t id = 151669;
        for (const char* m : {"<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"})
            extra += json{{"id", id++},      {"content", m},        {"single_word", false}, {"lstrip", false},
                          {"rstrip", false}, {"normalized", false}, {"special", true}}
                         .dump() +
                     ",";
        text.insert(open + 1, extra);
        m_extendedDir = m_tmp.path().toStdString();
        std::ofstream(m_extendedDir + "/tokenizer.json") << text;
        std::ofstream(m_extendedDir + "/tokenizer_config.json") << readAll(m_dir + "/tokenizer_config.json");
        m_extended = BpeTokenizer::fromFolder(m_extendedDir);
        const json base = json::parse(readAll(m_dir + "/tokenizer_config.json"));
        const std::vector<std::pair<const char*, const char*>> cases{
            {kQwen25Template, "chatml"}, {kLlama3Template, "llama3"}, {kLlama31Template, "llama3"}};
        for (size_t i = 0; i < cases.size(); ++i) {
            json config = base;
            config["chat_template"] = cases[i].first;
            config["bos_token"] = std::string(cases[i].second) == "llama3" ? json("<|begin_of_text|>") : json(nullptr);
            const std::string path = m_extendedDir + "/config_" + std::to_string(i) + ".json";
            std::ofstream(path) << config.dump();
            m_templates.push_back({cases[i].first, cases[i].second, render(path)});
        }
    }

    // Our prompt text equals jinja2's rendering and our ids the JS ids of that text.
    void checkChat(const BpeTokenizer& tok, const Template& t, const std::vector<json>& refIds, size_t refBegin) {
        QCOMPARE(t.texts.size(), m_chats.size());
        QVERIFY(refIds.size() >= refBegin + m_chats.size());
        for (size_t i = 0; i < m_chats.size(); ++i) {
            const ChatFormat chat(tok, "auto", m_chats[i].first, t.source);
            QCOMPARE(gcpo::model::hf::chatFormatKindName(chat.kind()), t.kind.c_str());
            QCOMPARE(chat.promptText(m_chats[i].second), t.texts[i]);
            QCOMPARE(chat.promptIds(m_chats[i].second), refIds[refBegin + i].at("ids").get<Ids>());
        }
    }

private slots:
    void initTestCase() {
        m_dir = gcpo::testing::qwen3TokenizerDir();
        if (m_dir.empty()) QSKIP(gcpo::testing::qwen3TokenizerMissingReason().c_str());
        m_modules = gcpo::testing::npmModulesDir();
        m_node = QStandardPaths::findExecutable("node");
        m_python = QStandardPaths::findExecutable("python3");
        m_tok = BpeTokenizer::fromFolder(m_dir);
        QCOMPARE(m_tok->vocabSize(), 151669);
        const std::string text = readAll(qEnvironmentVariable("GCPO_TEST_DATA").toStdString() + "/hf_tokenizer_corpus.jsonl");
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) m_corpus.push_back(json::parse(line));
        QVERIFY(m_corpus.size() >= 70);
        if (m_node.isEmpty()) return;

        m_encodeIn = m_corpus;
        for (size_t i = 0; i < m_corpus.size(); i += 7) m_encodeIn.push_back({{"text", m_corpus[i]["text"]}, {"special", true}});
        m_jinja = !m_python.isEmpty() &&
                  !(m_templates.push_back({m_tok->chatTemplate(), "chatml", render(m_dir + "/tokenizer_config.json")}),
                    m_templates.back().texts.empty());
        m_chatBegin = m_encodeIn.size();
        if (m_jinja)
            for (const std::string& t : m_templates[0].texts) m_encodeIn.push_back({{"text", t}});
        m_encodeRef = node(m_dir, m_encodeIn);

        for (const json& line : m_corpus) {  // every prefix of the ids of non-ASCII text: cuts inside characters
            const Ids ids = m_tok->encode(line["text"].get<std::string>());
            m_decodeIn.push_back({{"ids", ids}});
            if (line["text"].get<std::string>().size() != ids.size())
                for (size_t k = 1; k < ids.size() && k < 40; ++k)
                    m_decodeIn.push_back({{"ids", Ids(ids.begin(), ids.begin() + static_cast<long>(k))}});
        }
        m_decodeIn.push_back({{"ids", Ids{145367}}});  // half of an emoji on its own
        m_decodeRef = node(m_dir, m_decodeIn, true);

        if (!m_jinja) return;
        writeExtendedFolder();
        std::vector<json> in;
        for (size_t i = 1; i < m_templates.size(); ++i)
            for (const std::string& t : m_templates[i].texts) in.push_back({{"text", t}});
        m_extendedRef = node(m_extendedDir, in);
    }

    void tinyFixtureMatchesTheJsReference() {
        if (m_node.isEmpty()) QSKIP("node is not installed: no JS reference");
        QTemporaryDir dir;
        gcpo::testing::tinyQwenStyleTokenizer(dir.path().toStdString());
        const BpeTokenizer tiny = BpeTokenizer::fromFolder(dir.path().toStdString());
        const std::vector<json> ref = node(dir.path().toStdString(), m_corpus);
        QCOMPARE(ref.size(), m_corpus.size());
        for (size_t i = 0; i < m_corpus.size(); ++i)
            QCOMPARE(tiny.encode(m_corpus[i]["text"].get<std::string>()), ref[i].at("ids").get<Ids>());
    }

    void encodeMatchesTheJsReferenceTokenForToken() {
        if (m_node.isEmpty()) QSKIP("node is not installed: no JS reference");
        QCOMPARE(m_encodeRef.size(), m_encodeIn.size());
        int mismatches = 0;
        for (size_t i = 0; i < m_chatBegin; ++i) {
            const std::string text = m_encodeIn[i]["text"].get<std::string>();
            const Ids ours = m_tok->encode(text, m_encodeIn[i].value("special", false));
            const Ids theirs = m_encodeRef[i].at("ids").get<Ids>();
            if (ours != theirs && ++mismatches <= 5)
                qWarning("line %zu %s: ours %s, JS %s", i + 1, json(text).dump().c_str(), json(ours).dump().c_str(),
                         json(theirs).dump().c_str());
        }
        QCOMPARE(mismatches, 0);
    }

    void decodeMatchesTheJsReferenceIncludingPartialUtf8() {
        if (m_node.isEmpty()) QSKIP("node is not installed: no JS reference");
        QCOMPARE(m_decodeRef.size(), m_decodeIn.size());
        QVERIFY(m_decodeIn.size() > 300);
        int mismatches = 0;
        for (size_t i = 0; i < m_decodeIn.size(); ++i) {
            const std::string ours = m_tok->decode(m_decodeIn[i]["ids"].get<Ids>());
            if (ours != m_decodeRef[i].at("text").get<std::string>() && ++mismatches <= 5)
                qWarning("ids %s: ours %s, JS %s", m_decodeIn[i]["ids"].dump().c_str(), json(ours).dump().c_str(),
                         m_decodeRef[i].at("text").dump().c_str());
        }
        QCOMPARE(mismatches, 0);
        int roundTrips = 0;  // text already in NFC comes back exactly
        for (const json& line : m_corpus) {
            const std::string text = line["text"].get<std::string>();
            if (gcpo::model::hf::normalizeUnicode(text, gcpo::model::hf::NormalForm::Nfc) != text) continue;
            QCOMPARE(m_tok->decode(m_tok->encode(text)), text);
            ++roundTrips;
        }
        QVERIFY(roundTrips > 60);
    }

    void specialTokensAndEos() {
        QCOMPARE(m_tok->encode("<|im_start|>user\n<|im_end|>"), (Ids{151644, 872, 198, 151645}));
        QCOMPARE(m_tok->eosIds(), (Ids{151645}));  // tokenizer_config's eos_token (no generation_config.json)
        QCOMPARE(m_tok->padId(), std::optional<int32_t>(151643));
        QVERIFY(m_tok->isSpecial(151644) && !m_tok->isSpecial(151667));  // <think> is added but not special
        QCOMPARE(m_tok->decode({151644, 872, 151645}, true), std::string("user"));
    }

    void chatmlMatchesQwen3sRealTemplate() {
        if (m_node.isEmpty() || !m_jinja) QSKIP("needs node and python3 with jinja2 (Debian python3-jinja2)");
        checkChat(*m_tok, m_templates[0], m_encodeRef, m_chatBegin);
        QCOMPARE(ChatFormat(*m_tok).stopIds(), (Ids{151645}));
    }

    void otherTemplatesMatchTheirJinjaRendering() {
        if (m_node.isEmpty() || !m_jinja) QSKIP("needs node and python3 with jinja2 (Debian python3-jinja2)");
        QCOMPARE(m_templates.size(), size_t(4));
        for (size_t i = 1; i < m_templates.size(); ++i) {
            checkChat(*m_extended, m_templates[i], m_extendedRef, (i - 1) * m_chats.size());
            if (QTest::currentTestFailed()) return;
        }
        QCOMPARE(ChatFormat(*m_extended, "auto", "", m_templates[1].source).systemPrompt(),
                 std::string("You are Qwen, created by Alibaba Cloud. You are a helpful assistant."));
    }
};

QTEST_GUILESS_MAIN(TestBpeReference)
#include "test_bpe_reference.moc"
