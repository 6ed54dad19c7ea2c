#pragma once

#include "backend/BackendTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace hangar {

// The checkpoints a backend reports for one sandbox, newest first. Filled by whoever asks the
// backend (setCheckpoints); holds no connection to it.
class CheckpointListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, TimeColumn, CommentColumn, SizeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        CheckpointIdRole = Qt::UserRole + 1, // QString
        CreatedAtRole,                       // QDateTime
        CommentRole,                         // QString
        SizeBytesRole,                       // qint64; 0 when the provider does not say
    };
    Q_ENUM(Role)

    using QAbstractTableModel::QAbstractTableModel;

    void setCheckpoints(QList<CheckpointInfo> checkpoints);
    const CheckpointInfo& checkpointAt(int row) const { return m_checkpoints.at(row); }
    // The row of the checkpoint with this id, or -1.
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const CheckpointInfo& checkpoint, int column) const;

    QList<CheckpointInfo> m_checkpoints;
};

} // namespace hangar
