#include "AccountsPage.h"

#include "AccountDialog.h"
#include "AccountListModel.h"
#include "accounts/AccountManager.h"
#include "util/Async.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hangar {

AccountsPage::AccountsPage(AccountManager& accounts, QWidget* parent)
    : QWidget(parent)
    , m_accounts(accounts) {
    m_model = new AccountListModel(accounts, this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_default = new QPushButton(tr("Use for &new sandboxes"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("accountsStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsPage::editAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeAccount);
    connect(m_default, &QPushButton::clicked, this, &AccountsPage::makeDefault);
    connect(m_view, &QTableView::doubleClicked, this, &AccountsPage::editAccount);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccountsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::updateButtons);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_default);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    updateButtons();
}

QString AccountsPage::selectedKey() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AccountListModel::KeyRole).toString();
}

void AccountsPage::updateButtons() {
    const int row = m_model->rowOf(selectedKey());
    const bool named = row >= 0 && m_model->accountAt(row).named;
    m_edit->setEnabled(named);
    m_remove->setEnabled(named);
    m_default->setEnabled(row >= 0 && m_model->accountAt(row).available &&
                          !m_model->accountAt(row).isDefault);
}

void AccountsPage::showStatus(const QString& message, bool error) {
    m_status->setText(message);
    m_status->setProperty("error", error);
    m_status->setVisible(!message.isEmpty());
    emit finished();
}

void AccountsPage::openDialog(AccountDialog* dialog) {
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QObject::destroyed, this, [this, dialog] {
        if (m_dialog == dialog)
            m_dialog = nullptr;
    });
    connect(dialog, &AccountDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        const SpritesAccount account = dialog->account();
        Task<AccountInfo> stored =
            dialog->isNew() ? m_accounts.add(account, dialog->token().value_or(QString()))
                            : m_accounts.update(account, dialog->token());
        const bool added = dialog->isNew();
        whenReady(stored, dialog, [this, dialog, added](Result<AccountInfo> r) {
            dialog->setBusy(false);
            if (!r) {
                dialog->showError(r.error().describe());
                emit finished();
                return;
            }
            dialog->accept();
            showStatus(added ? tr("Account \"%1\" added.").arg(r.value().name)
                             : tr("Account \"%1\" saved.").arg(r.value().name),
                       false);
        });
    });
    dialog->open();
}

void AccountsPage::addAccount() {
    openDialog(new AccountDialog(std::nullopt, this));
}

void AccountsPage::editAccount() {
    const QString id = accounts::idOfKey(selectedKey());
    for (const SpritesAccount& account : m_accounts.namedAccounts()) {
        if (account.id == id) {
            openDialog(new AccountDialog(account, this));
            return;
        }
    }
}

void AccountsPage::removeAccount() {
    const QString id = accounts::idOfKey(selectedKey());
    if (id.isEmpty())
        return;
    whenReady(m_accounts.remove(id), this, [this, id](Status removed) {
        if (!removed)
            showStatus(removed.error().describe(), true);
        else
            showStatus(tr("Account \"%1\" removed.").arg(id), false);
    });
}

void AccountsPage::makeDefault() {
    const QString key = selectedKey();
    if (auto set = m_accounts.setDefaultAccount(key); !set)
        showStatus(set.error().describe(), true);
    else
        showStatus(tr("New sandboxes now go to %1.").arg(m_accounts.account(key)->name), false);
}

} // namespace hangar
