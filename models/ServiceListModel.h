#pragma once

#include "backend/ServiceTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace hangar {

// The services a backend reports for one sandbox, by name. Filled by whoever asks the backend
// (setServices); holds no connection to it. The state column is coloured like the sandbox
// badges (StatusPalette): running as active, starting as provisioning, stopping as
// hibernating, stopped as hibernated, failed as failed.
class ServiceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        PidColumn,
        RestartsColumn,
        CommandColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        StatusRole,                  // int (ServiceStatus)
        PidRole,                     // qint64; invalid QVariant while it has none
        RestartCountRole,            // int
        ErrorRole,                   // QString
        RunningRole,                 // bool: starting or running (signal and stop make sense)
    };
    Q_ENUM(Role)

    using QAbstractTableModel::QAbstractTableModel;

    void setServices(QList<ServiceInfo> services);
    const ServiceInfo& serviceAt(int row) const { return m_services.at(row); }
    // The row of the service with this name, or -1.
    int rowOf(const QString& name) const;
    // The state in words ("running", ... translated).
    static QString statusLabel(ServiceStatus status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ServiceInfo& service, int column) const;

    QList<ServiceInfo> m_services;
};

} // namespace hangar
