// The credit settings a run trained with, from its stored config JSON (see run_credit_config.h).
#include "views/run_credit_config.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gcpo::ui {

gcpo::rl::CreditConfig creditConfigFromJson(const QString& configJson) {
    gcpo::rl::CreditConfig c;
    const QJsonObject root = QJsonDocument::fromJson(configJson.toUtf8()).object();
    const QJsonObject g = root.value(QStringLiteral("gcpo")).toObject();
    const QJsonObject algo = root.value(QStringLiteral("algo")).toObject();
    gcpo::rl::KernelKind kernel;
    if (gcpo::rl::parseKernel(g.value(QStringLiteral("kernel")).toString().toStdString(), &kernel)) c.kernel = kernel;
    gcpo::rl::CreditEstimator estimator;
    if (gcpo::rl::parseEstimator(g.value(QStringLiteral("estimator")).toString().toStdString(), &estimator))
        c.estimator = estimator;
    auto number = [](const QJsonObject& o, const char* key, double fallback) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() ? v.toDouble() : fallback;
    };
    c.rbfGamma = number(g, "rbf_gamma", c.rbfGamma);
    c.volumeScale = number(g, "volume_scale", c.volumeScale);
    c.samples = static_cast<int>(number(g, "samples", c.samples));
    c.accuracyWeight = number(g, "accuracy_weight", c.accuracyWeight);
    const QJsonValue scale = algo.value(QStringLiteral("scale_by_std"));
    if (scale.isBool()) c.scaleByStd = scale.toBool();
    const QJsonValue seed = root.value(QStringLiteral("seed"));
    if (seed.isDouble()) c.seed = static_cast<uint64_t>(seed.toDouble());
    return c;
}

}  // namespace gcpo::ui
