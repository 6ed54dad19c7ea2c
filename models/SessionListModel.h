#pragma once

#include "backend/BackendTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace hangar {

// The exec sessions a backend reports for one sandbox: what runs there and when it was last
// used — what keeps the sandbox awake. Filled by whoever asks the backend (setSessions).
class SessionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CommandColumn, StartedColumn, LastActivityColumn, StatusColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SessionIdRole = Qt::UserRole + 1, // QString
        RunningRole,                      // bool
    };
    Q_ENUM(Role)

    using QAbstractTableModel::QAbstractTableModel;

    void setSessions(QList<SessionInfo> sessions);
    const SessionInfo& sessionAt(int row) const { return m_sessions.at(row); }
    int runningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const SessionInfo& session, int column) const;

    QList<SessionInfo> m_sessions;
};

} // namespace hangar
