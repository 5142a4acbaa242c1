// Binary encoding of a step record for the trip from a rank to rank 0 (see record_codec.h).
#include "dist/record_codec.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace gcpo::dist {

namespace {

constexpr char kMagic[4] = {'G', 'C', 'P', 'R'};
constexpr uint32_t kVersion = 1;

class Writer {
public:
    template <typename T>
    void pod(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        m_out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void str(const std::string& s) {
        pod<uint64_t>(s.size());
        m_out.append(s);
    }
    template <typename T>
    void vec(const std::vector<T>& v) {
        pod<uint64_t>(v.size());
        if (!v.empty()) m_out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void raw(const char* p, size_t n) { m_out.append(p, n); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(const std::string& in) : m_in(in) {}
    template <typename T>
    T pod(const char* what) {
        T v;
        need(sizeof v, what);
        std::memcpy(&v, m_in.data() + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }
    std::string str(const char* what) {
        const uint64_t n = pod<uint64_t>(what);
        need(n, what);
        std::string s = m_in.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    template <typename T>
    std::vector<T> vec(const char* what) {
        const uint64_t n = pod<uint64_t>(what);
        if (n > (m_in.size() - m_pos) / sizeof(T)) fail(what);
        std::vector<T> v(n);
        if (n) std::memcpy(v.data(), m_in.data() + m_pos, n * sizeof(T));
        m_pos += n * sizeof(T);
        return v;
    }
    uint64_t count(const char* what, size_t minBytesEach) {
        const uint64_t n = pod<uint64_t>(what);
        if (n > (m_in.size() - m_pos) / minBytesEach) fail(what);
        return n;
    }
    bool atEnd() const { return m_pos == m_in.size(); }

private:
    void need(uint64_t n, const char* what) const {
        if (n > m_in.size() - m_pos) fail(what);
    }
    [[noreturn]] void fail(const char* what) const {
        throw std::runtime_error(std::string("step record from another rank: truncated or corrupt at ") + what + " (byte " +
                                 std::to_string(m_pos) + " of " + std::to_string(m_in.size()) + ")");
    }
    const std::string& m_in;
    size_t m_pos = 0;
};

}  // namespace

std::string encodeStepRecord(const store::StepRecord& r) {
    Writer w;
    w.raw(kMagic, 4);
    w.pod<uint32_t>(kVersion);
    w.pod<int64_t>(r.runId);
    w.pod<int64_t>(r.step);
    w.pod<double>(r.wallTime);
    w.pod<uint64_t>(r.metrics.size());
    for (const auto& m : r.metrics) {
        w.str(m.key);
        w.pod<double>(m.value);
    }
    w.pod<uint64_t>(r.groups.size());
    for (const auto& g : r.groups) {
        w.pod<int32_t>(g.groupIndex);
        w.str(g.prompt);
        w.str(g.family);
        w.str(g.taskId);
        w.pod<double>(g.rewardMean);
        w.pod<double>(g.rewardStd);
        w.pod<int32_t>(g.correctCount);
        w.pod<double>(g.teamCoverage);
        w.pod<uint8_t>(g.zeroStd);
    }
    w.pod<uint64_t>(r.rollouts.size());
    for (const auto& o : r.rollouts) {
        w.pod<int32_t>(o.groupIndex);
        w.pod<int32_t>(o.rolloutIndex);
        w.str(o.completion);
        w.str(o.parsedAnswer);
        w.str(o.canonicalAnswer);
        w.pod<double>(o.reward);
        w.pod<uint8_t>(o.correct);
        w.pod<double>(o.grpoAdvantage);
        w.pod<double>(o.gcpoCredit);
        w.pod<double>(o.advantageUsed);
        w.pod<int32_t>(o.length);
        w.vec(o.embedding);
    }
    w.pod<uint64_t>(r.evals.size());
    for (const auto& e : r.evals) {
        w.str(e.metric);
        w.pod<double>(e.value);
    }
    w.pod<uint64_t>(r.evalSamples.size());
    for (const auto& s : r.evalSamples) {
        w.pod<int32_t>(s.promptIndex);
        w.str(s.taskId);
        w.str(s.prompt);
        w.pod<int32_t>(s.sampleIndex);
        w.str(s.completion);
        w.str(s.parsedAnswer);
        w.str(s.canonicalAnswer);
        w.pod<uint8_t>(s.correct);
    }
    return w.take();
}

store::StepRecord decodeStepRecord(const std::string& bytes) {
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 4) != 0)
        throw std::runtime_error("step record from another rank: not a GCPR record (" + std::to_string(bytes.size()) + " bytes)");
    Reader in(bytes);
    in.pod<uint32_t>("magic");
    const uint32_t version = in.pod<uint32_t>("version");
    if (version != kVersion)
        throw std::runtime_error("step record from another rank: version " + std::to_string(version) + ", this build reads " +
                                 std::to_string(kVersion) + " (every rank must run the same gcpo-train)");
    store::StepRecord r;
    r.runId = in.pod<int64_t>("run id");
    r.step = in.pod<int64_t>("step");
    r.wallTime = in.pod<double>("wall time");
    for (uint64_t i = 0, n = in.count("metrics", 16); i < n; ++i) {
        store::MetricValue m;
        m.key = in.str("metric key");
        m.value = in.pod<double>("metric value");
        r.metrics.push_back(std::move(m));
    }
    for (uint64_t i = 0, n = in.count("groups", 40); i < n; ++i) {
        store::GroupRecord g;
        g.groupIndex = in.pod<int32_t>("group index");
        g.prompt = in.str("group prompt");
        g.family = in.str("group family");
        g.taskId = in.str("group task id");
        g.rewardMean = in.pod<double>("group reward mean");
        g.rewardStd = in.pod<double>("group reward std");
        g.correctCount = in.pod<int32_t>("group correct count");
        g.teamCoverage = in.pod<double>("group team coverage");
        g.zeroStd = in.pod<uint8_t>("group zero std") != 0;
        r.groups.push_back(std::move(g));
    }
    for (uint64_t i = 0, n = in.count("rollouts", 40); i < n; ++i) {
        store::RolloutRecord o;
        o.groupIndex = in.pod<int32_t>("rollout group index");
        o.rolloutIndex = in.pod<int32_t>("rollout index");
        o.completion = in.str("rollout completion");
        o.parsedAnswer = in.str("rollout parsed answer");
        o.canonicalAnswer = in.str("rollout canonical answer");
        o.reward = in.pod<double>("rollout reward");
        o.correct = in.pod<uint8_t>("rollout correct") != 0;
        o.grpoAdvantage = in.pod<double>("rollout GRPO advantage");
        o.gcpoCredit = in.pod<double>("rollout GCPO credit");
        o.advantageUsed = in.pod<double>("rollout advantage used");
        o.length = in.pod<int32_t>("rollout length");
        o.embedding = in.vec<float>("rollout embedding");
        r.rollouts.push_back(std::move(o));
    }
    for (uint64_t i = 0, n = in.count("evals", 16); i < n; ++i) {
        store::EvalValue e;
        e.metric = in.str("eval metric");
        e.value = in.pod<double>("eval value");
        r.evals.push_back(std::move(e));
    }
    for (uint64_t i = 0, n = in.count("eval samples", 40); i < n; ++i) {
        store::EvalSample s;
        s.promptIndex = in.pod<int32_t>("eval sample prompt index");
        s.taskId = in.str("eval sample task id");
        s.prompt = in.str("eval sample prompt");
        s.sampleIndex = in.pod<int32_t>("eval sample index");
        s.completion = in.str("eval sample completion");
        s.parsedAnswer = in.str("eval sample parsed answer");
        s.canonicalAnswer = in.str("eval sample canonical answer");
        s.correct = in.pod<uint8_t>("eval sample correct") != 0;
        r.evalSamples.push_back(std::move(s));
    }
    if (!in.atEnd()) throw std::runtime_error("step record from another rank: trailing bytes after the record");
    return r;
}

void appendShare(store::StepRecord& into, store::StepRecord&& part) {
    for (auto& g : part.groups) into.groups.push_back(std::move(g));
    for (auto& o : part.rollouts) into.rollouts.push_back(std::move(o));
    for (auto& s : part.evalSamples) into.evalSamples.push_back(std::move(s));
}

}  // namespace gcpo::dist
