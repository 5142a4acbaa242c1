// The credit view's what-if controls: kernel, RBF gamma, volume scale beta, estimator, samples and
// accuracy weight. Emits configChanged on every edit so the credit is recomputed at once.
#pragma once

#include <QWidget>

#include "rl/credit.h"

class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;

namespace gcpo::ui {

class WhatIfStrip : public QWidget {
    Q_OBJECT

public:
    explicit WhatIfStrip(QWidget* parent = nullptr);

    gcpo::rl::CreditConfig config() const;
    void setConfig(const gcpo::rl::CreditConfig& config);     // without emitting configChanged
    void setRunConfig(const gcpo::rl::CreditConfig& config);  // what "Reset to run" restores

signals:
    void configChanged(const gcpo::rl::CreditConfig& config);

private:
    void emitChanged();

    QComboBox* m_kernel = nullptr;
    QDoubleSpinBox* m_gamma = nullptr;
    QDoubleSpinBox* m_beta = nullptr;
    QComboBox* m_estimator = nullptr;
    QSpinBox* m_samples = nullptr;
    QDoubleSpinBox* m_accuracyWeight = nullptr;
    QPushButton* m_reset = nullptr;
    gcpo::rl::CreditConfig m_runConfig;
    bool m_silent = false;
};

}  // namespace gcpo::ui
