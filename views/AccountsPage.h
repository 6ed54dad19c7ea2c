#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace hangar {

class AccountDialog;
class AccountListModel;
class AccountManager;

// The accounts beside the local backend, for the settings dialog: the list, and Add, Edit,
// Remove and Use for new sandboxes. Every change goes to the AccountManager and takes effect at
// once (no restart); a token goes to the secret store only. Errors show on the page (or in the
// open account dialog) and lose nothing.
class AccountsPage : public QWidget {
    Q_OBJECT
public:
    explicit AccountsPage(AccountManager& accounts, QWidget* parent = nullptr);

    AccountListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* defaultButton() const { return m_default; }
    QLabel* statusLabel() const { return m_status; }
    // The account dialog Add or Edit opened, while it is open.
    AccountDialog* openDialog() const { return m_dialog; }

public slots:
    void addAccount();
    void editAccount();
    void removeAccount();
    void makeDefault();

signals:
    // A change finished (the status label says what happened); for tests.
    void finished();

private:
    void updateButtons();
    void showStatus(const QString& message, bool error);
    void openDialog(AccountDialog* dialog);
    QString selectedKey() const;

    AccountManager& m_accounts;
    AccountListModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_default = nullptr;
    QLabel* m_status = nullptr;
    AccountDialog* m_dialog = nullptr;
};

} // namespace hangar
