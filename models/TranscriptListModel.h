#pragma once

#include "terminal/TranscriptStore.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace hangar {

// The transcripts of one sandbox's terminal sessions, newest first, optionally only those
// whose text contains a search string. Follows the store as sessions start and end.
class TranscriptListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartedColumn, CommandColumn, SessionColumn, EndColumn, SizeColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { TranscriptIdRole = Qt::UserRole + 1 };
    Q_ENUM(Role)

    TranscriptListModel(TranscriptStore& store, QObject* parent = nullptr);

    void setSandboxId(const QString& id);
    // Only transcripts containing `text` (case-insensitive); empty shows all.
    void setSearchText(const QString& text);
    void reload();
    QString loadError() const { return m_error; }
    const TranscriptInfo& transcriptAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const TranscriptInfo& info, int column) const;

    QPointer<TranscriptStore> m_store;
    QString m_sandboxId;
    QString m_search;
    QList<TranscriptInfo> m_rows;
    QString m_error;
};

} // namespace hangar
