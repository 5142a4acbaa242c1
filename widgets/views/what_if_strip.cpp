// The credit view's what-if controls (see what_if_strip.h).
#include "views/what_if_strip.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace gcpo::ui {

WhatIfStrip::WhatIfStrip(QWidget* parent) : QWidget(parent) {
    m_kernel = new QComboBox(this);
    m_kernel->addItem(tr("cosine"), static_cast<int>(gcpo::rl::KernelKind::Cosine));
    m_kernel->addItem(tr("RBF"), static_cast<int>(gcpo::rl::KernelKind::Rbf));
    m_kernel->setToolTip(tr("Kernel on the rollout embeddings"));
    m_gamma = new QDoubleSpinBox(this);
    m_gamma->setDecimals(4);
    m_gamma->setRange(1e-4, 1e4);
    m_gamma->setToolTip(tr("RBF width γ in exp(-γ‖a − b‖²)"));
    m_beta = new QDoubleSpinBox(this);
    m_beta->setDecimals(4);
    m_beta->setRange(1e-4, 1e4);
    m_beta->setSingleStep(0.1);
    m_beta->setToolTip(tr("Volume scale β in v(S) = log det(I + β L_S)"));
    m_estimator = new QComboBox(this);
    m_estimator->addItem(tr("exact Shapley"), static_cast<int>(gcpo::rl::CreditEstimator::Exact));
    m_estimator->addItem(tr("permutation (Monte Carlo)"), static_cast<int>(gcpo::rl::CreditEstimator::Permutation));
    m_estimator->addItem(tr("leave-one-out (approximation)"), static_cast<int>(gcpo::rl::CreditEstimator::LeaveOneOut));
    m_samples = new QSpinBox(this);
    m_samples->setRange(2, 100000);
    m_samples->setToolTip(tr("Orderings for the permutation estimator"));
    m_accuracyWeight = new QDoubleSpinBox(this);
    m_accuracyWeight->setRange(0.0, 1.0);
    m_accuracyWeight->setSingleStep(0.05);
    m_accuracyWeight->setToolTip(tr("w in A = (1 − w)·norm(credit) + w·norm(reward)"));
    m_reset = new QPushButton(tr("Reset to run"), this);
    m_reset->setToolTip(tr("Restore the settings the run trained with"));

    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addRow(new QLabel(tr("<b>What if</b>"), this));
    layout->addRow(tr("Kernel"), m_kernel);
    layout->addRow(tr("RBF γ"), m_gamma);
    layout->addRow(tr("Volume scale β"), m_beta);
    layout->addRow(tr("Estimator"), m_estimator);
    layout->addRow(tr("Samples"), m_samples);
    layout->addRow(tr("Accuracy weight"), m_accuracyWeight);
    layout->addRow(m_reset);

    QObject::connect(m_kernel, &QComboBox::currentIndexChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_estimator, &QComboBox::currentIndexChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_gamma, &QDoubleSpinBox::valueChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_beta, &QDoubleSpinBox::valueChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_accuracyWeight, &QDoubleSpinBox::valueChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_samples, &QSpinBox::valueChanged, this, &WhatIfStrip::emitChanged);
    QObject::connect(m_reset, &QPushButton::clicked, this, [this] {
        setConfig(m_runConfig);
        emit configChanged(config());
    });
    setConfig(m_runConfig);
}

gcpo::rl::CreditConfig WhatIfStrip::config() const {
    gcpo::rl::CreditConfig c = m_runConfig;  // seed and scale_by_std follow the run
    c.kernel = static_cast<gcpo::rl::KernelKind>(m_kernel->currentData().toInt());
    c.rbfGamma = m_gamma->value();
    c.volumeScale = m_beta->value();
    c.estimator = static_cast<gcpo::rl::CreditEstimator>(m_estimator->currentData().toInt());
    c.samples = m_samples->value();
    c.accuracyWeight = m_accuracyWeight->value();
    return c;
}

void WhatIfStrip::setConfig(const gcpo::rl::CreditConfig& config) {
    m_silent = true;
    m_kernel->setCurrentIndex(m_kernel->findData(static_cast<int>(config.kernel)));
    m_gamma->setValue(config.rbfGamma);
    m_beta->setValue(config.volumeScale);
    m_estimator->setCurrentIndex(m_estimator->findData(static_cast<int>(config.estimator)));
    m_samples->setValue(config.samples);
    m_accuracyWeight->setValue(config.accuracyWeight);
    m_gamma->setEnabled(config.kernel == gcpo::rl::KernelKind::Rbf);
    m_samples->setEnabled(config.estimator == gcpo::rl::CreditEstimator::Permutation);
    m_silent = false;
}

void WhatIfStrip::setRunConfig(const gcpo::rl::CreditConfig& config) { m_runConfig = config; }

void WhatIfStrip::emitChanged() {
    if (m_silent) return;
    const gcpo::rl::CreditConfig c = config();
    m_gamma->setEnabled(c.kernel == gcpo::rl::KernelKind::Rbf);
    m_samples->setEnabled(c.estimator == gcpo::rl::CreditEstimator::Permutation);
    emit configChanged(c);
}

}  // namespace gcpo::ui
