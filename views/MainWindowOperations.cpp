// MainWindow's sandbox operations: creating sandboxes, and running the table's actions on the
// selected rows as batches (progress in the rows and the status bar, Cancel for what has not
// started).
#include "MainWindow.h"

#include "BatchRun.h"
#include "NewSandboxDialog.h"
#include "SandboxTableModel.h"
#include "accounts/AccountManager.h"
#include "lifecycle/LifecycleService.h"
#include "profiles/ProfileStore.h"
#include "tools/SandboxAdmin.h"
#include "util/Async.h"

#include <QAction>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolButton>

namespace hangar {

void MainWindow::newSandbox() {
    auto* dialog = new NewSandboxDialog(
        m_lifecycle.backendKinds(), m_lifecycle.options().defaultBackend,
        [this](const QString& chat, const QString& thread) {
            return m_lifecycle.sandboxName(chat, thread);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_accounts) {
        QHash<QString, QString> names;
        for (const AccountInfo& a : m_accounts->accounts())
            names.insert(a.key, a.name);
        dialog->setBackendLabels(names);
    }
    if (m_profiles) {
        QList<QPair<QString, QString>> offered;
        if (auto all = m_profiles->profiles()) {
            for (const Profile& p : all.value())
                offered.append({p.id, p.name});
        }
        dialog->setProfiles(offered, QLatin1String(Profile::kDefaultId));
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        createSandbox(dialog->chatId(), dialog->threadId(), dialog->backend(), dialog->profileId());
    });
    dialog->open();
}

void MainWindow::createSandbox(const QString& chatId, const QString& threadId,
                               const QString& backend, const QString& profileId) {
    const auto name = m_lifecycle.sandboxName(chatId, threadId);
    m_lifecycle.provision(chatId, threadId, backend, ProvisionOptions{profileId})
        .then(this, [this](Result<Sandbox> r) {
            if (r)
                statusBar()->showMessage(tr("%1 is ready").arg(r.value().name), kStatusMessageMs);
            else
                statusBar()->showMessage(
                    tr("Could not create the sandbox: %1").arg(r.error().describe()));
        });
    // The row exists as soon as provisioning starts: select it.
    if (name) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->sandboxAt(row).name == name.value()) {
                selectIds({m_model->sandboxAt(row).id});
                break;
            }
        }
    }
}

void MainWindow::resumeSelected() {
    runBatch(Action::Resume, tr("Resume"), tr("resuming…"), selectedIds(),
             [this](const QString& id) {
                 return discardValue(m_lifecycle.resume(id, tr("resumed from the console")), this);
             });
}

void MainWindow::hibernateSelected() {
    runBatch(Action::Hibernate, tr("Hibernate"), tr("hibernating…"), selectedIds(),
             [this](const QString& id) {
                 return discardValue(m_lifecycle.hibernate(id, tr("hibernated from the console")),
                                     this);
             });
}

void MainWindow::reprovisionSelected() {
    QStringList failed;
    for (const QString& id : selectedIds()) {
        const int row = m_model->rowOf(id);
        if (row >= 0 && m_model->sandboxAt(row).state == SandboxState::Failed)
            failed.append(id);
    }
    runBatch(Action::Reprovision, tr("Reprovision"), tr("reprovisioning…"), failed,
             [this](const QString& id) {
                 return discardValue(m_lifecycle.resume(id, tr("reprovisioned from the console")),
                                     this);
             });
}

void MainWindow::checkpointSelected() {
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto* dialog = new QInputDialog(this);
    dialog->setWindowTitle(tr("Checkpoint"));
    dialog->setLabelText(ids.size() == 1
                             ? tr("Comment for the checkpoint of %1:").arg(nameOf(ids.constFirst()))
                             : tr("Comment for the checkpoints of %1 sandboxes:").arg(ids.size()));
    dialog->setTextValue(tr("from the console"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, ids](const QString& comment) { checkpointSandboxes(ids, comment); });
    dialog->open();
}

void MainWindow::checkpointSandboxes(const QStringList& ids, const QString& comment) {
    runBatch(Action::Checkpoint, tr("Checkpoint"), tr("saving a checkpoint…"), ids,
             [this, comment](const QString& id) {
                 // Through SandboxAdmin, so each checkpoint is in its sandbox's timeline.
                 return discardValue(
                     m_admin->createCheckpoint(id, comment, QStringLiteral("console")), this);
             });
}

void MainWindow::reconcileSelected() {
    runBatch(
        Action::Reconcile, tr("Reconcile"), tr("checking the provider…"), selectedIds(),
        [this](const QString& id) { return discardValue(m_lifecycle.reconcile(id, true), this); });
}

void MainWindow::deleteSelected() {
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (const QString& id : ids)
        names.append(nameOf(id));
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete sandboxes"),
        ids.size() == 1 ? tr("Delete sandbox %1 and all its files?").arg(names.constFirst())
                        : tr("Delete %1 sandboxes and all their files?").arg(ids.size()),
        QMessageBox::Cancel, this);
    box->setInformativeText(tr("This cannot be undone."));
    if (ids.size() > 1)
        box->setDetailedText(names.join(QLatin1Char('\n')));
    QPushButton* confirm = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, ids] {
        if (box->clickedButton() == confirm)
            destroySandboxes(ids);
    });
    box->open();
}

void MainWindow::destroySandboxes(const QStringList& ids) {
    runBatch(Action::Delete, tr("Delete"), tr("deleting…"), ids,
             [this](const QString& id) { return m_lifecycle.destroy(id); });
}

void MainWindow::runBatch(Action action, const QString& verb, const QString& underWay,
                          const QStringList& ids, Operation operation) {
    if (ids.isEmpty())
        return;
    auto* batch = new BatchRun(ids, std::move(operation), this);
    m_batches.append(batch);
    statusBar()->showMessage(ids.size() == 1 ? tr("%1: %2…").arg(verb, nameOf(ids.constFirst()))
                                             : tr("%1: %2 sandboxes…").arg(verb).arg(ids.size()));

    // Names are taken now: a deleted sandbox is gone from the model when its result arrives.
    QHash<QString, QString> names;
    for (const QString& id : ids)
        names.insert(id, nameOf(id));
    connect(batch, &BatchRun::started, this,
            [this, underWay](const QString& id) { m_model->setOperation(id, underWay); });
    connect(batch, &BatchRun::finishedOne, this,
            [this](const QString& id) { m_model->clearOperation(id); });
    connect(batch, &BatchRun::progress, this, &MainWindow::updateBatchProgress);
    connect(batch, &BatchRun::finished, this,
            [this, batch, action, verb, names](const QList<BatchRun::Outcome>& outcomes) {
                m_batches.removeAll(batch);
                updateBatchProgress();
                int succeeded = 0;
                QStringList failures;
                for (const BatchRun::Outcome& outcome : outcomes) {
                    if (outcome.status)
                        ++succeeded;
                    else
                        failures.append(tr("%1: %2").arg(names.value(outcome.id),
                                                         outcome.status.error().describe()));
                }
                const int failed = static_cast<int>(failures.size());
                if (failed == 0) {
                    statusBar()->showMessage(tr("%1: done for %2 of %2").arg(verb).arg(succeeded),
                                             kStatusMessageMs);
                } else {
                    // Failures stay until the next message: they need reading.
                    statusBar()->showMessage(tr("%1: %2 done, %3 failed — %4")
                                                 .arg(verb)
                                                 .arg(succeeded)
                                                 .arg(failed)
                                                 .arg(failures.join(QStringLiteral("; "))));
                }
                emit batchFinished(action, succeeded, failed);
            });
    updateBatchProgress();
    batch->start();
}

void MainWindow::updateBatchProgress() {
    int total = 0;
    int done = 0;
    for (const QPointer<BatchRun>& batch : std::as_const(m_batches)) {
        if (batch) {
            total += batch->total();
            done += batch->finishedCount();
        }
    }
    m_batchProgress->setVisible(total > 0);
    m_cancelBatches->setVisible(total > 0);
    m_batchProgress->setRange(0, std::max(total, 1));
    m_batchProgress->setValue(done);
    m_batchProgress->setFormat(tr("%1 of %2").arg(done).arg(total));
}

void MainWindow::cancelBatches() {
    for (const QPointer<BatchRun>& batch : std::as_const(m_batches)) {
        if (batch)
            batch->cancel();
    }
}

} // namespace hangar
