// Rollout groups view: step slider with follow-live, the step's groups, the selected group's rollouts.
#include "views/rollout_groups_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <QHash>
#include <QSet>

#include <cmath>
#include <exception>

#include "group_table_model.h"
#include "theme.h"
#include "rollout_table_model.h"

namespace gcpo::ui {

namespace {

QTableView* makeTable(QWidget* parent, QSortFilterProxyModel* proxy) {
    auto* t = new QTableView(parent);
    t->setModel(proxy);
    t->setSortingEnabled(true);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setWordWrap(false);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(false);
    // Headers fit their text (no "RPO advantag"); the text column takes the rest.
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return t;
}

}  // namespace

RolloutGroupsView::RolloutGroupsView(QWidget* parent) : RunView(parent) {
    m_runBox = new QComboBox(this);
    m_runBox->setToolTip(tr("Run whose rollout groups are shown"));
    m_runBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 0);
    m_slider->setToolTip(tr("Training step"));
    m_stepLabel = new QLabel(tr("no step"), this);
    m_stepLabel->setMinimumWidth(90);
    m_followBox = new QCheckBox(tr("Follow live"), this);
    m_followBox->setChecked(true);
    m_followBox->setToolTip(tr("Jump to each new step as the run writes it"));

    m_groupModel = new GroupTableModel(this);
    m_rolloutModel = new RolloutTableModel(this);
    m_groupProxy = new QSortFilterProxyModel(this);
    m_groupProxy->setSourceModel(m_groupModel);
    m_groupProxy->setSortRole(Qt::UserRole);
    m_rolloutProxy = new QSortFilterProxyModel(this);
    m_rolloutProxy->setSourceModel(m_rolloutModel);
    m_rolloutProxy->setSortRole(Qt::UserRole);
    m_groupTable = makeTable(this, m_groupProxy);
    m_groupTable->horizontalHeader()->setSectionResizeMode(GroupTableModel::Prompt, QHeaderView::Stretch);
    m_rolloutTable = makeTable(this, m_rolloutProxy);
    m_rolloutTable->horizontalHeader()->setSectionResizeMode(RolloutTableModel::Completion, QHeaderView::Stretch);
    m_completion = new QPlainTextEdit(this);
    m_completion->setReadOnly(true);
    m_completion->setPlaceholderText(tr("Select a rollout to read its full completion"));
    m_completion->setMaximumHeight(110);
    // Legend of the rows' colours (the diverging advantage palette) and of the group flag.
    auto* legend = new QLabel(this);
    auto swatch = [](double t) {
        return QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>")
            .arg(Theme::divergingColour(t).name());
    };
    legend->setText(tr("Row colour = advantage used: %1 positive %2 0 %3 negative (scaled by the group's largest |advantage|). "
                       "⚠ in Correct: no correct rollout, yet a non-zero advantage.")
                        .arg(swatch(1.0), swatch(0.0), swatch(-1.0)));
    legend->setWordWrap(true);
    QObject::connect(Theme::instance(), &Theme::changed, legend, [legend, swatch] {
        legend->setText(
            tr("Row colour = advantage used: %1 positive %2 0 %3 negative (scaled by the group's largest |advantage|). "
               "⚠ in Correct: no correct rollout, yet a non-zero advantage.")
                .arg(swatch(1.0), swatch(0.0), swatch(-1.0)));
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Run:"), this));
    bar->addWidget(m_runBox);
    bar->addWidget(m_slider, 1);
    bar->addWidget(m_stepLabel);
    bar->addWidget(m_followBox);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_groupTable);
    auto* lower = new QWidget(splitter);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_rolloutTable, 1);
    lowerLayout->addWidget(legend);
    lowerLayout->addWidget(m_completion);
    splitter->addWidget(lower);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    QObject::connect(m_slider, &QSlider::valueChanged, this, &RolloutGroupsView::onSliderMoved);
    QObject::connect(m_followBox, &QCheckBox::toggled, this, &RolloutGroupsView::setFollowLive);
    QObject::connect(m_runBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setCurrentRun(m_runBox->itemData(i).toLongLong());
    });
    QObject::connect(m_groupTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                     &RolloutGroupsView::onGroupSelected);
    QObject::connect(m_rolloutTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                     &RolloutGroupsView::onRolloutSelected);
}

RolloutGroupsView::~RolloutGroupsView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString RolloutGroupsView::viewTitle() const { return tr("Rollout groups"); }

bool RolloutGroupsView::followLive() const { return m_followBox->isChecked(); }

void RolloutGroupsView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_runId = 0;
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::followedRunsChanged, this, &RolloutGroupsView::onFollowedRuns)
                      << QObject::connect(source, &RunDataSource::stepAdvanced, this, &RolloutGroupsView::onStepAdvanced)
                      << QObject::connect(source, &RunDataSource::runsChanged, this, &RolloutGroupsView::updateRunBox)
                      << QObject::connect(source, &RunDataSource::runReset, this,
                                          [this](qint64 runId) {
                                              if (runId == m_runId) onStepAdvanced(runId, -1);
                                          })
                      << QObject::connect(source, &RunDataSource::databaseClosed, this, [this] { onFollowedRuns({}); });
        onFollowedRuns(source->followedRuns());
    } else {
        onFollowedRuns({});
    }
}

void RolloutGroupsView::updateRunBox() {
    const QSignalBlocker block(m_runBox);
    m_runBox->clear();
    if (!m_source) return;
    for (qint64 id : m_source->followedRuns()) {
        const gcpo::store::RunInfo* r = m_source->run(id);
        m_runBox->addItem(r && !r->name.empty() ? QString::fromStdString(r->name) : tr("run %1").arg(id), id);
    }
    m_runBox->setCurrentIndex(m_runBox->findData(m_runId));
}

void RolloutGroupsView::onFollowedRuns(const QList<qint64>& runIds) {
    if (runIds.contains(m_runId) && m_runId != 0) {
        updateRunBox();
        return;
    }
    m_runId = 0;
    m_maxStep = -1;
    m_step = -1;
    m_groupModel->clear();
    m_rolloutModel->clear();
    m_completion->clear();
    updateRunBox();
    if (!runIds.isEmpty()) setCurrentRun(runIds.front());
    else m_stepLabel->setText(tr("no step"));
}

void RolloutGroupsView::setCurrentRun(qint64 runId) {
    if (runId == m_runId && m_maxStep >= 0) return;
    m_runId = runId;
    m_step = -1;
    m_maxStep = -1;
    updateRunBox();
    qint64 maxStep = -1;
    if (m_source && m_source->guiStore()) {
        try {
            maxStep = m_source->guiStore()->maxStep(runId);
        } catch (const std::exception&) {
            maxStep = -1;
        }
    }
    onStepAdvanced(runId, maxStep);
    if (m_step < 0 && maxStep >= 0) loadStep(maxStep);
}

void RolloutGroupsView::onStepAdvanced(qint64 runId, qint64 maxStep) {
    if (runId != m_runId) return;
    m_maxStep = maxStep;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, static_cast<int>(qMax<qint64>(0, maxStep)));
    }
    if (maxStep < 0) {
        m_groupModel->clear();
        m_rolloutModel->clear();
        m_step = -1;
        m_stepLabel->setText(tr("no step"));
        return;
    }
    if (followLive() || m_step < 0) loadStep(maxStep);
}

void RolloutGroupsView::setFollowLive(bool on) {
    if (m_followBox->isChecked() != on) {
        const QSignalBlocker block(m_followBox);
        m_followBox->setChecked(on);
    }
    if (on && m_maxStep >= 0 && m_step != m_maxStep) loadStep(m_maxStep);
}

void RolloutGroupsView::setStep(qint64 step) {
    if (step < 0 || step > m_maxStep) return;
    if (step != m_maxStep && followLive()) setFollowLive(false);
    loadStep(step);
}

void RolloutGroupsView::onSliderMoved(int value) { setStep(value); }

void RolloutGroupsView::loadStep(qint64 step) {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    if (!store) return;
    std::vector<gcpo::store::GroupRecord> groups;
    int groupSize = 0;
    QList<int> flagged;
    try {
        gcpo::store::RunStore::ReadTransaction snapshot(*store);
        groups = store->groups(m_runId, step);
        const auto rollouts = store->rollouts(m_runId, step);
        QHash<int, int> sizes;
        QSet<int> moved;  // groups with a non-zero advantage
        for (const auto& r : rollouts) {
            ++sizes[r.groupIndex];
            if (std::abs(r.advantageUsed) > 1e-9) moved.insert(r.groupIndex);
        }
        if (!groups.empty()) groupSize = sizes.value(groups.front().groupIndex);
        for (const auto& g : groups)
            if (g.correctCount == 0 && moved.contains(g.groupIndex)) flagged << g.groupIndex;
    } catch (const std::exception& e) {
        m_stepLabel->setText(tr("read error"));
        m_stepLabel->setToolTip(QString::fromUtf8(e.what()));
        return;
    }
    m_step = step;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(static_cast<int>(step));
    }
    m_stepLabel->setText(tr("step %1 / %2").arg(step).arg(m_maxStep));
    const int keepGroup = m_groupIndex;
    m_groupModel->setGroups(std::move(groups), groupSize);
    m_groupModel->setFlaggedGroups(flagged);
    const int row = qMax(0, m_groupModel->rowOfGroup(keepGroup));
    const gcpo::store::GroupRecord* group = m_groupModel->groupAt(row);
    selectGroup(group ? group->groupIndex : -1);
}

void RolloutGroupsView::selectGroup(int groupIndex) {
    const int row = m_groupModel->rowOfGroup(groupIndex);
    if (row < 0) {
        m_groupIndex = -1;
        m_rolloutModel->clear();
        if (m_source) m_source->setCurrentGroup({m_runId, m_step, -1});
        return;
    }
    const QModelIndex proxyIndex = m_groupProxy->mapFromSource(m_groupModel->index(row, 0));
    // Making the row current loads its rollouts through onGroupSelected, unless it already was.
    m_groupTable->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (m_groupIndex != groupIndex || m_rolloutStep != m_step) {
        m_groupIndex = groupIndex;
        loadRollouts();
    }
}

void RolloutGroupsView::onGroupSelected() {
    const QModelIndex current = m_groupTable->selectionModel()->currentIndex();
    if (!current.isValid()) return;
    const int groupIndex = m_groupProxy->data(current, GroupTableModel::kGroupIndexRole).toInt();
    if (groupIndex == m_groupIndex && m_rolloutStep == m_step) return;
    m_groupIndex = groupIndex;
    loadRollouts();
}

void RolloutGroupsView::loadRollouts() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    std::vector<gcpo::store::RolloutRecord> rollouts;
    if (store && m_step >= 0 && m_groupIndex >= 0) {
        try {
            rollouts = store->rollouts(m_runId, m_step, m_groupIndex);
        } catch (const std::exception&) {
            rollouts.clear();
        }
    }
    m_rolloutModel->setRollouts(std::move(rollouts));
    m_rolloutStep = m_step;
    m_completion->clear();
    if (m_rolloutModel->rowCount() == 0 && m_step >= 0)
        m_completion->setPlaceholderText(tr("No rollouts stored for this step (rollout retention)"));
    if (m_source) m_source->setCurrentGroup({m_runId, m_step, m_groupIndex});
}

void RolloutGroupsView::onRolloutSelected() {
    const QModelIndex current = m_rolloutTable->selectionModel()->currentIndex();
    if (!current.isValid()) return;
    const QModelIndex source = m_rolloutProxy->mapToSource(current);
    const auto& rollouts = m_rolloutModel->rollouts();
    if (source.row() < 0 || source.row() >= static_cast<int>(rollouts.size())) return;
    m_completion->setPlainText(QString::fromStdString(rollouts[static_cast<size_t>(source.row())].completion));
}

}  // namespace gcpo::ui
