#pragma once

#include "accounts/AccountManager.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace hangar {

// The accounts of an AccountManager, one row each (the local backend, the environment's
// Sprites backend, the named Sprites accounts), following its accountsChanged. Never a token.
class AccountListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, OrganizationColumn, UrlColumn, StatusColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString: "local", "sprites", "sprites:<id>"
        NamedRole,                  // bool: can be edited and removed
        DefaultRole,                // bool: new sandboxes go here
    };
    Q_ENUM(Role)

    explicit AccountListModel(AccountManager& accounts, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const AccountInfo& accountAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& key) const;

private:
    void reload();

    QPointer<AccountManager> m_accounts;
    QList<AccountInfo> m_rows;
};

} // namespace hangar
