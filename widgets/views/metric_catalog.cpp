// The curves view's metric picker entries (see metric_catalog.h).
#include "views/metric_catalog.h"

namespace gcpo::ui {

QList<MetricEntry> MetricCatalog::entries() {
    const QString accuracy = tr("Accuracy");
    const QString diversity = tr("Diversity");
    const QString reward = tr("Reward");
    const QString policy = tr("Policy");
    const QString lengths = tr("Lengths");
    const QString time = tr("Time");
    auto many = [](const QString& id, const QString& category, const QString& label, const QStringList& keys) {
        MetricEntry e;
        e.id = id;
        e.category = category;
        e.label = label;
        e.keys = keys;
        return e;
    };
    auto one = [&many](const QString& category, const QString& key, const QString& label) {
        return many(key, category, label, {key});
    };
    QList<MetricEntry> all{
        one(accuracy, QStringLiteral("eval/pass@1"), tr("pass@1 (eval)")),
        many(QStringLiteral("eval/pass@k"), accuracy, tr("pass@k (eval: k = 1, 2, 4, 8, 16)"),
             {QStringLiteral("eval/pass@1"), QStringLiteral("eval/pass@2"), QStringLiteral("eval/pass@4"),
              QStringLiteral("eval/pass@8"), QStringLiteral("eval/pass@16")}),
        one(accuracy, QStringLiteral("eval/pass@8"), tr("pass@8 (eval)")),
        one(accuracy, QStringLiteral("accuracy"), tr("Training accuracy")),
        one(accuracy, QStringLiteral("format_rate"), tr("Format rate")),
        one(diversity, QStringLiteral("eval/distinct_correct"), tr("Distinct correct answers (eval)")),
        one(diversity, QStringLiteral("eval/solution_coverage"), tr("Solution-space coverage (eval)")),
        one(diversity, QStringLiteral("eval/vendi"), tr("Vendi score (eval)")),
        one(diversity, QStringLiteral("eval/pairwise_distance"), tr("Mean pairwise distance (eval)")),
        one(diversity, QStringLiteral("gcpo/distinct_correct"), tr("Distinct correct answers (training)")),
        one(reward, QStringLiteral("reward"), tr("Reward")),
        one(reward, QStringLiteral("reward_std"), tr("Reward standard deviation")),
        one(reward, QStringLiteral("frac_reward_zero_std"), tr("Zero-variance groups")),
        one(reward, QStringLiteral("gcpo/team_coverage"), tr("Team coverage")),
        one(policy, QStringLiteral("kl"), tr("KL to reference")),
        many(QStringLiteral("entropy"), policy, tr("Entropy (training and eval)"),
             {QStringLiteral("entropy"), QStringLiteral("eval/entropy")}),
        many(QStringLiteral("clip_ratio"), policy, tr("Clip ratios"),
             {QStringLiteral("clip_ratio/low_mean"), QStringLiteral("clip_ratio/high_mean"),
              QStringLiteral("clip_ratio/region_mean")}),
        one(policy, QStringLiteral("loss"), tr("Loss")),
        one(policy, QStringLiteral("grad_norm"), tr("Gradient norm")),
        one(policy, QStringLiteral("learning_rate"), tr("Learning rate")),
        one(lengths, QStringLiteral("completions/mean_length"), tr("Completion length (training)")),
        many(QStringLiteral("lengths"), lengths, tr("Completion length (training and eval)"),
             {QStringLiteral("completions/mean_length"), QStringLiteral("eval/mean_length")}),
        one(lengths, QStringLiteral("completions/clipped_ratio"), tr("Clipped completions")),
        many(QStringLiteral("time"), time, tr("Step-time breakdown"),
             {QStringLiteral("step_time"), QStringLiteral("time/sampling"), QStringLiteral("time/reward"),
              QStringLiteral("time/embedding"), QStringLiteral("time/credit"), QStringLiteral("time/loss_backward"),
              QStringLiteral("time/store")}),
        one(time, QStringLiteral("rollouts_consumed"), tr("Rollouts consumed")),
    };
    for (MetricEntry& e : all) {
        e.unit = unitOf(e.id);
        e.sparse = e.id.startsWith(QLatin1String("eval/"));
    }
    return all;
}

QString MetricCatalog::unitOf(const QString& id) {
    const QString fraction = tr("fraction");
    if (id.startsWith(QLatin1String("eval/pass@")) || id == QLatin1String("accuracy") || id == QLatin1String("format_rate") ||
        id == QLatin1String("eval/solution_coverage") || id == QLatin1String("completions/clipped_ratio"))
        return fraction;
    if (id == QLatin1String("frac_reward_zero_std")) return tr("fraction of groups");
    if (id == QLatin1String("clip_ratio") || id.startsWith(QLatin1String("clip_ratio/"))) return tr("fraction of tokens");
    if (id.endsWith(QLatin1String("distinct_correct"))) return tr("answers per prompt");
    if (id == QLatin1String("eval/vendi")) return tr("effective count");
    if (id == QLatin1String("eval/pairwise_distance")) return tr("1 − cosine");
    if (id == QLatin1String("gcpo/team_coverage")) return tr("nats, log det");
    if (id == QLatin1String("kl")) return tr("nats");
    if (id == QLatin1String("entropy") || id == QLatin1String("eval/entropy")) return tr("nats per token");
    if (id == QLatin1String("lengths") || id.endsWith(QLatin1String("mean_length"))) return tr("tokens");
    if (id == QLatin1String("time") || id == QLatin1String("step_time") || id.startsWith(QLatin1String("time/"))) return tr("s");
    if (id == QLatin1String("rollouts_consumed")) return tr("rollouts");
    if (id == QLatin1String("grad_norm")) return tr("L2 norm");
    if (id == QLatin1String("reward") || id == QLatin1String("reward_std")) return tr("reward");
    return {};
}

MetricEntry MetricCatalog::entry(const QString& id) {
    for (const MetricEntry& e : entries())
        if (e.id == id) return e;
    MetricEntry other;
    other.id = id;
    other.category = tr("Other");
    other.label = id;
    other.keys = {id};
    other.unit = unitOf(id);
    other.sparse = id.startsWith(QLatin1String("eval/"));
    return other;
}

bool MetricCatalog::contains(const QString& id) {
    for (const MetricEntry& e : entries())
        if (e.id == id) return true;
    return false;
}

}  // namespace gcpo::ui
