#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace hangar {

class LifecycleService;
class NetworkRuleModel;

// The Network policy tab of the detail pane: the sandbox's egress rules as an editable table
// (domain with wildcards, allow/deny, or a preset), rows added, removed and moved, "allow all"
// and "deny all" presets. Invalid rows are marked and block Apply; Apply hands the rules to
// the backend, reads them back and shows whether the backend now holds what was applied. On
// the local backend the rules it cannot enforce are marked and a notice says so.
class NetworkPolicyTab : public QWidget {
    Q_OBJECT
public:
    explicit NetworkPolicyTab(LifecycleService& lifecycle, QWidget* parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }
    bool isBusy() const { return m_busy; }

    NetworkRuleModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* reloadButton() const { return m_reload; }
    QLabel* statusLabel() const { return m_status; }
    // The local backend's limits, shown when a rule is not enforced (else hidden).
    QLabel* noticeLabel() const { return m_notice; }

public slots:
    // Follows the detail pane; reads the policy at once when the sandbox is awake.
    void setSandboxId(const QString& id);
    // Reads the policy from the backend (waking the sandbox if needed); edits are dropped.
    void reload();
    // Validates, applies, reads back and compares.
    void apply();
    void addRule();
    void removeSelected();
    void moveSelectedUp();
    void moveSelectedDown();
    void useAllowAll();
    void useDenyAll();

signals:
    void busyChanged(bool busy);
    // The status line changed: a phase ("Waking the sandbox…"), a result or an error.
    void statusShown(const QString& text, bool error);
    // A reload or an apply of the shown sandbox ended.
    void operationFinished(bool ok, const QString& message);

private:
    int selectedRow() const;
    void moveSelected(int delta);
    void onEdited();
    void updateNotice();
    void finish(bool ok, const QString& message);
    void showStatus(const QString& text, bool error = false);
    void setBusy(bool busy);
    void updateActions();

    LifecycleService& m_lifecycle;
    QString m_sandboxId;
    NetworkRuleModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QPushButton* m_allowAll = nullptr;
    QPushButton* m_denyAll = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_reload = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_status = nullptr;
    bool m_busy = false;
    bool m_loaded = false; // the table holds the sandbox's policy (or edits of it)
    quint64 m_generation = 0;
};

} // namespace hangar
