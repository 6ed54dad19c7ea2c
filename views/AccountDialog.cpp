#include "AccountDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace hangar {

AccountDialog::AccountDialog(const std::optional<SpritesAccount>& existing, QWidget* parent)
    : QDialog(parent)
    , m_new(!existing) {
    setWindowTitle(m_new ? tr("Add Sprites account") : tr("Edit Sprites account"));
    m_id = new QLineEdit(this);
    m_id->setPlaceholderText(tr("e.g. work"));
    m_name = new QLineEdit(this);
    m_organization = new QLineEdit(this);
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("https://api.sprites.dev"));
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(m_new ? tr("paste the account's token")
                                      : tr("leave empty to keep the stored token"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("accountError"));
    m_error->setWordWrap(true);
    m_error->hide();
    if (existing) {
        m_id->setText(existing->id);
        m_id->setReadOnly(true);
        m_name->setText(existing->name);
        m_organization->setText(existing->organization);
        m_url->setText(existing->baseUrl);
    } else {
        m_url->setText(QStringLiteral("https://api.sprites.dev"));
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Id:"), m_id);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Organization:"), m_organization);
    form->addRow(tr("API &URL:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(m_error);
    form->addRow(m_buttons);
}

SpritesAccount AccountDialog::account() const {
    return SpritesAccount{m_id->text().trimmed(), m_name->text().trimmed(),
                          m_organization->text().trimmed(), m_url->text().trimmed()};
}

std::optional<QString> AccountDialog::token() const {
    const QString token = m_token->text().trimmed();
    if (token.isEmpty() && !m_new)
        return std::nullopt;
    return token;
}

void AccountDialog::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void AccountDialog::setBusy(bool busy) {
    m_buttons->setEnabled(!busy);
}

void AccountDialog::submit() {
    if (auto valid = accounts::validate(account()); !valid) {
        showError(valid.error().message);
        return;
    }
    if (m_new && m_token->text().trimmed().isEmpty()) {
        showError(tr("A new account needs its token."));
        return;
    }
    showError({});
    emit submitted();
}

} // namespace hangar
