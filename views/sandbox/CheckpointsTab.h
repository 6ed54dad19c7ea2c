#pragma once

#include "SandboxTab.h"
#include "backend/BackendTypes.h"

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace hangar {

class CheckpointListModel;
class SandboxAdmin;

// The Checkpoints tab of the detail pane: the sandbox's checkpoints, and creating, restoring
// and deleting them. A restore first takes a safety checkpoint ("before restoring <id>") unless
// the operator unticks it, so it can be undone; if commands are running in the sandbox it says
// they will end and asks. Every operation wakes a hibernated sandbox first and says so; while
// one runs, a busy bar and the provider's progress are shown, and an error stays in place until
// the next. Operations go through SandboxAdmin, so each lands in the timeline as the console's.
class CheckpointsTab : public SandboxTab {
    Q_OBJECT
public:
    explicit CheckpointsTab(LifecycleService& lifecycle, QWidget* parent = nullptr);

    CheckpointListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* commentEdit() const { return m_comment; }
    QCheckBox* safetyCheckBox() const { return m_safety; }
    QPushButton* createButton() const { return m_create; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* refreshButton() const { return m_refresh; }

public slots:
    // Follows the detail pane; lists at once when the sandbox is awake (never wakes it just
    // because it was selected).
    void setSandboxId(const QString& id);
    // Lists the checkpoints again (waking the sandbox if needed).
    void refresh();
    // Takes a checkpoint with the comment typed.
    void createCheckpoint();
    // Restores the selected checkpoint (asks first when commands would end).
    void restoreSelected();
    // Deletes the selected checkpoint after confirmation.
    void deleteSelected();

private:
    QString selectedId() const;
    void confirmRestore(const QString& checkpointId, int runningSessions, bool sessionsUnknown);
    void startRestore(const QString& checkpointId);
    void showProgress(const QString& sandboxId, const QString& message);
    void updateActions() override;

    CheckpointListModel* m_model = nullptr;
    SandboxAdmin* m_admin = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_comment = nullptr;
    QCheckBox* m_safety = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_restore = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_refresh = nullptr;
};

} // namespace hangar
