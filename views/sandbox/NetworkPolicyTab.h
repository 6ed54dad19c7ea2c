#pragma once

#include "SandboxTab.h"

class QLabel;
class QPushButton;
class QTableView;

namespace hangar {

class NetworkRuleModel;
class SandboxAdmin;

// The Network policy tab of the detail pane: the sandbox's egress rules as an editable table
// (domain with wildcards, allow/deny, or a preset), rows added, removed and moved, "allow all"
// and "deny all" presets. Invalid rows are marked and block Apply; Apply hands the rules to
// the backend, reads them back and shows whether the backend now holds what was applied. On
// the local backend the rules it cannot enforce are marked and a notice says so.
class NetworkPolicyTab : public SandboxTab {
    Q_OBJECT
public:
    explicit NetworkPolicyTab(LifecycleService& lifecycle, QWidget* parent = nullptr);

    NetworkRuleModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* reloadButton() const { return m_reload; }
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

private:
    int selectedRow() const;
    void moveSelected(int delta);
    void onEdited();
    void updateNotice();
    void updateActions() override;

    NetworkRuleModel* m_model = nullptr;
    SandboxAdmin* m_admin = nullptr;
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
    bool m_loaded = false; // the table holds the sandbox's policy (or edits of it)
};

} // namespace hangar
