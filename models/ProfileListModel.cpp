#include "ProfileListModel.h"

#include "profiles/ProfileStore.h"

namespace hangar {

ProfileListModel::ProfileListModel(ProfileStore* profiles, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(profiles) {
    if (!profiles)
        return;
    connect(profiles, &ProfileStore::profileAdded, this, &ProfileListModel::onAdded);
    connect(profiles, &ProfileStore::profileChanged, this, &ProfileListModel::onChanged);
    connect(profiles, &ProfileStore::profileRemoved, this, &ProfileListModel::onRemoved);
    if (auto st = reload(); !st)
        qWarning().noquote() << "profiles:" << st.error().message;
}

Status ProfileListModel::reload() {
    if (!m_store)
        return {};
    auto all = m_store->profiles();
    if (!all)
        return all.error();
    beginResetModel();
    m_profiles = all.value();
    endResetModel();
    return {};
}

int ProfileListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_profiles.size());
}

QVariant ProfileListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Profile& p = m_profiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return p.isDefault() ? tr("%1 (default)").arg(p.name) : p.name;
    case Qt::ToolTipRole:
        return p.description;
    case IdRole:
        return p.id;
    case NameRole:
        return p.name;
    case IsDefaultRole:
        return p.isDefault();
    default:
        return {};
    }
}

QHash<int, QByteArray> ProfileListModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "profileId");
    names.insert(NameRole, "name");
    names.insert(IsDefaultRole, "isDefault");
    return names;
}

int ProfileListModel::rowOf(const QString& id) const {
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            return row;
    }
    return -1;
}

void ProfileListModel::onAdded(const Profile& profile) {
    const int row = static_cast<int>(m_profiles.size());
    beginInsertRows({}, row, row);
    m_profiles.append(profile);
    endInsertRows();
}

void ProfileListModel::onChanged(const Profile& profile) {
    const int row = rowOf(profile.id);
    if (row < 0)
        return;
    m_profiles[row] = profile;
    emit dataChanged(index(row), index(row));
}

void ProfileListModel::onRemoved(const QString& id) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_profiles.removeAt(row);
    endRemoveRows();
}

} // namespace hangar
