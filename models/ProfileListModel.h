#pragma once

#include "profiles/Profile.h"

#include <QAbstractListModel>
#include <QPointer>

namespace hangar {

class ProfileStore;

// The profiles of a ProfileStore, the default first, following its additions, changes and
// removals. Display text is the name; the default profile says so.
class ProfileListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, IsDefaultRole };

    explicit ProfileListModel(ProfileStore* profiles, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Reads the store again (e.g. after it failed); the error when it fails.
    Status reload();
    int rowOf(const QString& id) const;
    const Profile& profileAt(int row) const { return m_profiles.at(row); }

private:
    void onAdded(const Profile& profile);
    void onChanged(const Profile& profile);
    void onRemoved(const QString& id);

    QPointer<ProfileStore> m_store;
    QList<Profile> m_profiles;
};

} // namespace hangar
