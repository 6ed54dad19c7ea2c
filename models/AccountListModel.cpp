#include "AccountListModel.h"

#include "StatusPalette.h"

#include <QGuiApplication>

namespace hangar {

AccountListModel::AccountListModel(AccountManager& accounts, QObject* parent)
    : QAbstractTableModel(parent)
    , m_accounts(&accounts) {
    m_rows = accounts.accounts();
    connect(&accounts, &AccountManager::accountsChanged, this, &AccountListModel::reload);
}

void AccountListModel::reload() {
    beginResetModel();
    m_rows = m_accounts ? m_accounts->accounts() : QList<AccountInfo>();
    endResetModel();
}

int AccountListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AccountListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int AccountListModel::rowOf(const QString& key) const {
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].key == key)
            return i;
    }
    return -1;
}

QVariant AccountListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccountInfo& a = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return a.key;
    case NamedRole:
        return a.named;
    case DefaultRole:
        return a.isDefault;
    case Qt::ToolTipRole:
        return a.problem.isEmpty() ? a.key : a.problem;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && !a.available)
            return StatusPalette::color(SandboxState::Failed, QGuiApplication::palette());
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return a.isDefault ? tr("%1 (default)").arg(a.name) : a.name;
        case OrganizationColumn:
            return a.organization;
        case UrlColumn:
            return a.baseUrl;
        case StatusColumn:
            return a.available ? tr("available") : tr("no token");
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AccountListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Account");
    case OrganizationColumn:
        return tr("Organization");
    case UrlColumn:
        return tr("API URL");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace hangar
