#pragma once

#include "util/Result.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;
class QTableView;

namespace hangar {

class BackendMonitor;
class BatchRun;
class SandboxAdmin;
class FleetHealth;
class FleetHealthDialog;
class LifecycleService;
class SandboxDetailPane;
class SandboxFilterProxy;
class SandboxTableModel;
class AccountManager;
class StatusBadgeDelegate;
class ProfileEditorDialog;
class ProfileStore;

// The desktop console's main window: the sandbox table (filterable, sortable, multi-select)
// and the operations on the selected sandboxes. It only wires models, views and the engine.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Action { NewSandbox, Resume, Hibernate, Reprovision, Checkpoint, Delete, Reconcile };
    Q_ENUM(Action)

    explicit MainWindow(LifecycleService& lifecycle, QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* action(Action which) const;
    QTableView* view() const { return m_view; }
    SandboxTableModel* model() const { return m_model; }
    SandboxFilterProxy* proxy() const { return m_proxy; }
    StatusBadgeDelegate* badgeDelegate() const { return m_badges; }
    SandboxDetailPane* detailPane() const { return m_detail; }
    BackendMonitor* backendMonitor() const { return m_monitor; }
    QAction* settingsAction() const { return m_settingsAction; }
    // "Fleet health…": enabled once setFleetHealth() gave it something to show.
    QAction* fleetHealthAction() const { return m_fleetHealthAction; }
    // The engine's fleet health: the table shows its degraded marks, and the Fleet health
    // dialog its scans and fixes.
    void setFleetHealth(FleetHealth* fleet);
    // The engine's accounts: the Account column and filter show their names and follow their
    // changes, and New sandbox offers them.
    void setAccounts(AccountManager* accounts);
    // nullptr until first opened.
    FleetHealthDialog* fleetHealthDialog() const;
    // The engine's profiles: New sandbox offers them, and "Profiles…" edits them.
    void setProfiles(ProfileStore* profiles);
    QAction* profilesAction() const { return m_profilesAction; }
    // nullptr until first opened.
    ProfileEditorDialog* profileEditor() const;
    // The backends' connection state, as the status bar shows it.
    QString backendStatusText() const;
    // Where the console API is served; empty hides it from the status bar.
    void setApiAddress(const QString& address);
    QString apiAddress() const;
    QLineEdit* filterEdit() const { return m_filter; }
    QComboBox* stateCombo() const { return m_stateCombo; }
    QComboBox* backendCombo() const { return m_backendCombo; }
    // "3 sandboxes: 2 active, 1 hibernated" (the permanent status bar text).
    QString stateCountsText() const;
    // Ids of the selected sandboxes, in view order.
    QStringList selectedIds() const;
    void selectIds(const QStringList& ids);

public slots:
    // Opens the New sandbox dialog; accepting it calls createSandbox().
    void newSandbox();
    void createSandbox(const QString& chatId, const QString& threadId, const QString& backend,
                       const QString& profileId = {});
    // Opens (or raises) the profile editor.
    void openProfiles();
    void resumeSelected();
    void hibernateSelected();
    // Failed sandboxes only: provisions them again (failed -> provisioning -> active).
    void reprovisionSelected();
    // Asks for a comment, then checkpoints the selected sandboxes.
    void checkpointSelected();
    void checkpointSandboxes(const QStringList& ids, const QString& comment);
    // Asks for confirmation, then destroys the selected sandboxes.
    void deleteSelected();
    void destroySandboxes(const QStringList& ids);
    void reconcileSelected();
    // Opens (or raises) the Fleet health dialog and scans.
    void openFleetHealth();

signals:
    // The operator asked for the settings dialog (the application owns settings and secrets).
    void settingsRequested();
    // A batch operation finished: how many sandboxes it succeeded and failed for.
    void batchFinished(hangar::MainWindow::Action action, int succeeded, int failed);

private:
    static constexpr int kStatusMessageMs = 8000; // how long status bar messages stay
    void refreshAccounts();
    using Operation = std::function<Task<void>(const QString& id)>;

    void createActions();
    void createCentralWidget();
    void updateActions();
    void updateStateCounts();
    void updateBackendStatus();
    void onSelectionChanged();
    void onStateComboChanged(int index);
    void onWarning(const QString& id, const QString& message);
    // Runs `operation` for every id; reports the results in the status bar when all are done.
    // `underWay` labels the rows while their operation runs ("resuming…").
    void runBatch(Action action, const QString& verb, const QString& underWay,
                  const QStringList& ids, Operation operation);
    void updateBatchProgress();
    void cancelBatches();
    QString nameOf(const QString& id) const;

    LifecycleService& m_lifecycle;
    SandboxTableModel* m_model = nullptr;
    SandboxFilterProxy* m_proxy = nullptr;
    StatusBadgeDelegate* m_badges = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_stateCombo = nullptr;
    QComboBox* m_backendCombo = nullptr;
    SandboxDetailPane* m_detail = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_backendStatus = nullptr;
    QProgressBar* m_batchProgress = nullptr;
    QToolButton* m_cancelBatches = nullptr;
    QList<QPointer<BatchRun>> m_batches;
    SandboxAdmin* m_admin = nullptr; // checkpoints of the selected sandboxes
    QLabel* m_apiStatus = nullptr;
    QString m_apiAddress;
    BackendMonitor* m_monitor = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_fleetHealthAction = nullptr;
    FleetHealth* m_fleet = nullptr;
    QPointer<AccountManager> m_accounts;
    QPointer<FleetHealthDialog> m_fleetDialog;
    ProfileStore* m_profiles = nullptr;
    QAction* m_profilesAction = nullptr;
    QPointer<ProfileEditorDialog> m_profileEditor;
    QAction* m_newAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_hibernateAction = nullptr;
    QAction* m_reprovisionAction = nullptr;
    QAction* m_checkpointAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_reconcileAction = nullptr;
};

} // namespace hangar
