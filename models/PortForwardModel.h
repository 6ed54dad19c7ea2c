#pragma once

#include "backend/PortForward.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace hangar {

// The port forwards of one sandbox, in the order they were started: local and remote port,
// state, connections and traffic each way, following each forward's signals as it works. Holds
// pointers, not the forwards: a forward that is destroyed leaves its row.
class PortForwardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        LocalPortColumn,
        RemotePortColumn,
        StateColumn,
        ConnectionsColumn,
        SentColumn,     // to the sandbox
        ReceivedColumn, // from the sandbox
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        ForwardRole = Qt::UserRole + 1, // PortForward* (as QObject*)
        LocalPortRole,                  // int; 0 until listening
        RemotePortRole,                 // int
        StateRole,                      // int: PortForward::State
        OpenConnectionsRole,            // int
        TotalConnectionsRole,           // int
        BytesToSandboxRole,             // qint64
        BytesFromSandboxRole,           // qint64
        ErrorRole,                      // QString: why it failed, or the last connection's error
    };
    Q_ENUM(Role)

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows (another sandbox is shown).
    void setForwards(const QList<PortForward*>& forwards);
    void addForward(PortForward* forward);
    PortForward* forwardAt(int row) const;
    // The row of this forward, or -1.
    int rowOf(const PortForward* forward) const;
    // The row of the active forward to this port inside the sandbox, or -1.
    int rowOfRemotePort(quint16 remotePort) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stateText(PortForward::State state);

private:
    void follow(PortForward* forward);
    void onChanged(PortForward* forward);
    void onDestroyed(QObject* forward);
    QVariant displayData(const PortForward& forward, int column) const;

    QList<QPointer<PortForward>> m_forwards;
};

} // namespace hangar
