#pragma once

#include "accounts/SpritesAccount.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace hangar {

// Asks for a named Sprites account: id (fixed once the account exists), name, organization,
// API URL and token. The token field is masked and starts empty: when editing, an empty token
// keeps the stored one. Whatever the caller does with the answer, showError() puts its error
// here without closing, so nothing typed is lost.
class AccountDialog : public QDialog {
    Q_OBJECT
public:
    // A new account when `existing` is empty.
    explicit AccountDialog(const std::optional<SpritesAccount>& existing,
                           QWidget* parent = nullptr);

    SpritesAccount account() const;
    // Empty: keep the stored token (editing only).
    std::optional<QString> token() const;
    bool isNew() const { return m_new; }

    QLineEdit* idEdit() const { return m_id; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* organizationEdit() const { return m_organization; }
    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* tokenEdit() const { return m_token; }
    QLabel* errorLabel() const { return m_error; }

    void showError(const QString& message);
    // While the account is being stored: the buttons wait.
    void setBusy(bool busy);

signals:
    // OK with fields that validate; the caller stores them and then closes the dialog.
    void submitted();

private:
    void submit();

    bool m_new = true;
    QLineEdit* m_id = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_organization = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace hangar
