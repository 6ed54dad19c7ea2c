#include "CheckpointListModel.h"

#include <QLocale>

#include <algorithm>

namespace hangar {

void CheckpointListModel::setCheckpoints(QList<CheckpointInfo> checkpoints) {
    // Newest first whatever order the provider answers in: the one to undo to is on top.
    std::stable_sort(
        checkpoints.begin(), checkpoints.end(),
        [](const CheckpointInfo& a, const CheckpointInfo& b) { return a.createdAt > b.createdAt; });
    beginResetModel();
    m_checkpoints = std::move(checkpoints);
    endResetModel();
}

int CheckpointListModel::rowOf(const QString& id) const {
    for (qsizetype row = 0; row < m_checkpoints.size(); ++row) {
        if (m_checkpoints.at(row).id == id)
            return static_cast<int>(row);
    }
    return -1;
}

int CheckpointListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_checkpoints.size());
}

int CheckpointListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckpointListModel::data(const QModelIndex& index, int role) const {
    // Invalid indexes are asked for by views and testers: no warning for them.
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CheckpointInfo& checkpoint = m_checkpoints.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(checkpoint, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommentColumn ? checkpoint.comment : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn
                   ? QVariant(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case CheckpointIdRole:
        return checkpoint.id;
    case CreatedAtRole:
        return checkpoint.createdAt;
    case CommentRole:
        return checkpoint.comment;
    case SizeBytesRole:
        return checkpoint.sizeBytes;
    default:
        return {};
    }
}

QVariant CheckpointListModel::displayData(const CheckpointInfo& checkpoint, int column) const {
    switch (column) {
    case IdColumn:
        return checkpoint.id;
    case TimeColumn:
        return checkpoint.createdAt.isValid()
                   ? QLocale().toString(checkpoint.createdAt.toLocalTime(), QLocale::ShortFormat)
                   : QString();
    case CommentColumn:
        return checkpoint.comment;
    case SizeColumn:
        // Sprites does not report sizes: an empty cell, not a misleading "0 bytes".
        return checkpoint.sizeBytes > 0 ? QLocale().formattedDataSize(checkpoint.sizeBytes)
                                        : QString();
    default:
        return {};
    }
}

QVariant CheckpointListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Checkpoint");
    case TimeColumn:
        return tr("Created");
    case CommentColumn:
        return tr("Comment");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace hangar
