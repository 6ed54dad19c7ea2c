#include "CheckpointsTab.h"

#include "CheckpointListModel.h"
#include "tools/SandboxAdmin.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace hangar {

namespace {

const QString kActor = QStringLiteral("console"); // who asked, in the timeline

} // namespace

CheckpointsTab::CheckpointsTab(LifecycleService& lifecycle, QWidget* parent)
    : SandboxTab(lifecycle, parent)
    , m_model(new CheckpointListModel(this))
    , m_admin(new SandboxAdmin(lifecycle, this)) {
    connect(m_admin, &SandboxAdmin::progress, this, &CheckpointsTab::showProgress);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("checkpointComment"));
    m_comment->setPlaceholderText(tr("Comment for a new checkpoint"));
    m_create = new QPushButton(tr("&Create checkpoint"), this);
    m_create->setObjectName(QStringLiteral("createCheckpoint"));
    m_refresh = new QPushButton(tr("Re&fresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshCheckpoints"));
    auto* createRow = new QHBoxLayout;
    createRow->addWidget(m_comment, 1);
    createRow->addWidget(m_create);
    createRow->addWidget(m_refresh);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("checkpointView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(CheckpointListModel::CommentColumn,
                                                     QHeaderView::Stretch);

    m_restore = new QPushButton(tr("&Restore…"), this);
    m_restore->setObjectName(QStringLiteral("restoreCheckpoint"));
    m_safety = new QCheckBox(tr("&Take a safety checkpoint first"), this);
    m_safety->setObjectName(QStringLiteral("safetyCheckpoint"));
    m_safety->setChecked(true);
    m_safety->setToolTip(tr("So the restore can be undone by restoring the safety checkpoint."));
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteCheckpoint"));
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_restore);
    actionRow->addWidget(m_safety);
    actionRow->addStretch(1);
    actionRow->addWidget(m_delete);

    progressBar()->setObjectName(QStringLiteral("checkpointProgress"));
    statusLabel()->setObjectName(QStringLiteral("checkpointStatus"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(createRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(actionRow);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());

    connect(m_create, &QPushButton::clicked, this, &CheckpointsTab::createCheckpoint);
    connect(m_comment, &QLineEdit::returnPressed, this, &CheckpointsTab::createCheckpoint);
    connect(m_refresh, &QPushButton::clicked, this, &CheckpointsTab::refresh);
    connect(m_restore, &QPushButton::clicked, this, &CheckpointsTab::restoreSelected);
    connect(m_delete, &QPushButton::clicked, this, &CheckpointsTab::deleteSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CheckpointsTab::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CheckpointsTab::updateActions);
    updateActions();
}

void CheckpointsTab::setSandboxId(const QString& id) {
    beginSandbox(id);
    m_model->setCheckpoints({});
    updateActions();
    if (id.isEmpty())
        return;
    if (needsWaking(lifecycle(), id)) {
        showStatus(tr("The sandbox is not running. Refresh wakes it to list its checkpoints."));
        return;
    }
    refresh();
}

QString CheckpointsTab::selectedId() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : rows.first().data(CheckpointListModel::CheckpointIdRole).toString();
}

void CheckpointsTab::refresh() {
    if (sandboxId().isEmpty())
        return;
    const QString keep = selectedId();
    runCall<QList<CheckpointInfo>>(
        tr("Listing checkpoints…"),
        [](Backend& backend, const QString& name) { return backend.listCheckpoints(name); },
        [this, keep](Result<QList<CheckpointInfo>> result) {
            if (!result) {
                finish(false, tr("Could not list the checkpoints: %1").arg(result.error().message));
                return;
            }
            m_model->setCheckpoints(std::move(result).value());
            if (const int row = m_model->rowOf(keep); row >= 0)
                m_view->selectRow(row);
            finish(true, m_model->rowCount() == 0
                             ? tr("No checkpoints yet.")
                             : tr("%n checkpoint(s).", "", m_model->rowCount()));
        });
}

void CheckpointsTab::createCheckpoint() {
    if (sandboxId().isEmpty() || isBusy())
        return;
    const quint64 generation = this->generation();
    const QString comment = m_comment->text().trimmed();
    setBusy(true);
    showStatus(phaseText(tr("Creating a checkpoint…")));
    auto created = m_admin->createCheckpoint(sandboxId(), comment, kActor);
    whenReady(created, this, [this, generation](Result<CheckpointInfo> result) {
        if (!isCurrent(generation))
            return;
        if (!result) {
            finish(false, tr("Could not create a checkpoint: %1").arg(result.error().message));
            return;
        }
        m_comment->clear();
        const QString id = result.value().id;
        // Listed again so the new row comes with what the provider recorded; selected.
        auto listed = callWhenActive<QList<CheckpointInfo>>(
            lifecycle(), sandboxId(),
            [](Backend& backend, const QString& name) { return backend.listCheckpoints(name); });
        whenReady(listed, this, [this, generation, id](Result<QList<CheckpointInfo>> list) {
            if (!isCurrent(generation))
                return;
            if (list)
                m_model->setCheckpoints(std::move(list).value());
            if (const int row = m_model->rowOf(id); row >= 0)
                m_view->selectRow(row);
            finish(true, tr("Created checkpoint %1.").arg(id));
        });
    });
}

void CheckpointsTab::restoreSelected() {
    const QString id = selectedId();
    if (sandboxId().isEmpty() || isBusy() || id.isEmpty())
        return;
    // A sleeping sandbox runs nothing: no need to wake it only to ask about its sessions.
    const auto sandbox = lifecycle().sandbox(sandboxId());
    Backend* backend = sandbox ? lifecycle().backend(sandbox.value().backend) : nullptr;
    if (!backend || needsWaking(lifecycle(), sandboxId())) {
        confirmRestore(id, 0, false);
        return;
    }
    const quint64 generation = this->generation();
    setBusy(true);
    showStatus(tr("Looking for running commands…"));
    whenReady(backend->sessions(sandbox.value().name), this,
              [this, generation, id](Result<QList<SessionInfo>> sessions) {
                  if (!isCurrent(generation))
                      return;
                  setBusy(false);
                  showStatus({});
                  const int running = sessions
                                          ? static_cast<int>(std::count_if(
                                                sessions.value().cbegin(), sessions.value().cend(),
                                                [](const SessionInfo& s) { return s.running; }))
                                          : 0;
                  confirmRestore(id, running, !sessions);
              });
}

void CheckpointsTab::confirmRestore(const QString& checkpointId, int runningSessions,
                                    bool sessionsUnknown) {
    const bool safety = m_safety->isChecked();
    QStringList concerns;
    if (runningSessions > 0)
        concerns << tr("%n command(s) running in the sandbox, terminals included, will end.", "",
                       runningSessions);
    else if (sessionsUnknown)
        concerns << tr("Could not find out whether commands are running; any that are will end.");
    if (!safety)
        concerns << tr("No safety checkpoint will be taken: changes since %1 are lost for good.")
                        .arg(checkpointId);
    if (concerns.isEmpty()) {
        startRestore(checkpointId);
        return;
    }
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Restore checkpoint"),
                        tr("Restore checkpoint %1?").arg(checkpointId), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRestore"));
    box->setInformativeText(concerns.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* confirm = box->addButton(tr("&Restore"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    const quint64 generation = this->generation();
    connect(box, &QMessageBox::finished, this, [this, box, confirm, checkpointId, generation] {
        if (box->clickedButton() == confirm && isCurrent(generation))
            startRestore(checkpointId);
    });
    box->open();
}

void CheckpointsTab::startRestore(const QString& checkpointId) {
    const quint64 generation = this->generation();
    RestoreOptions options;
    options.safetyCheckpoint = m_safety->isChecked();
    options.actor = kActor;
    setBusy(true);
    showStatus(phaseText(
        options.safetyCheckpoint
            ? tr("Taking a safety checkpoint, then restoring %1…").arg(checkpointId)
            : tr("Restoring %1… commands running in the sandbox end.").arg(checkpointId)));
    whenReady(m_admin->restoreCheckpoint(sandboxId(), checkpointId, options), this,
              [this, generation, checkpointId](Result<RestoreOutcome> result) {
                  if (!isCurrent(generation))
                      return;
                  QString message;
                  if (!result)
                      message =
                          tr("Could not restore %1: %2").arg(checkpointId, result.error().message);
                  else if (result.value().safetyCheckpointId.isEmpty())
                      message = tr("Restored %1.").arg(checkpointId);
                  else
                      message = tr("Restored %1. To undo it, restore the safety checkpoint %2.")
                                    .arg(checkpointId, result.value().safetyCheckpointId);
                  const bool ok = result.ok();
                  // Listed again either way: a failed restore may still have taken the safety
                  // checkpoint.
                  whenReady(m_admin->checkpoints(sandboxId()), this,
                            [this, generation, ok, message](Result<QList<CheckpointInfo>> list) {
                                if (!isCurrent(generation))
                                    return;
                                if (list)
                                    m_model->setCheckpoints(std::move(list).value());
                                finish(ok, message);
                            });
              });
}

// The provider's own words for the step it is at ("Saving filesystem state..."), while this
// tab's sandbox is busy with a checkpoint.
void CheckpointsTab::showProgress(const QString& id, const QString& message) {
    if (isBusy() && id == sandboxId())
        showStatus(message);
}

void CheckpointsTab::deleteSelected() {
    const QString id = selectedId();
    if (sandboxId().isEmpty() || isBusy() || id.isEmpty())
        return;
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Delete checkpoint"),
                        tr("Delete checkpoint %1? It cannot be restored afterwards.").arg(id),
                        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* confirm = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    const quint64 generation = this->generation();
    connect(box, &QMessageBox::finished, this, [this, box, confirm, id, generation] {
        if (box->clickedButton() != confirm || !isCurrent(generation))
            return;
        setBusy(true);
        showStatus(phaseText(tr("Deleting %1…").arg(id)));
        whenReady(m_admin->deleteCheckpoint(sandboxId(), id, kActor), this,
                  [this, generation, id](Result<void> result) {
                      if (!isCurrent(generation))
                          return;
                      if (!result) {
                          finish(false,
                                 tr("Could not delete %1: %2").arg(id, result.error().message));
                          return;
                      }
                      const int row = m_model->rowOf(id);
                      QList<CheckpointInfo> rest;
                      for (int r = 0; r < m_model->rowCount(); ++r) {
                          if (r != row)
                              rest.append(m_model->checkpointAt(r));
                      }
                      m_model->setCheckpoints(rest);
                      finish(true, tr("Deleted checkpoint %1.").arg(id));
                  });
    });
    box->open();
}

void CheckpointsTab::updateActions() {
    const bool usable = !sandboxId().isEmpty() && !isBusy();
    const bool selected = usable && !selectedId().isEmpty();
    m_create->setEnabled(usable);
    m_refresh->setEnabled(usable);
    m_comment->setEnabled(!sandboxId().isEmpty());
    m_restore->setEnabled(selected);
    m_delete->setEnabled(selected);
}

} // namespace hangar
