#include "TranscriptListModel.h"

#include <QLocale>
#include <QSet>

namespace hangar {

TranscriptListModel::TranscriptListModel(TranscriptStore& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(&store) {
    connect(&store, &TranscriptStore::changed, this, &TranscriptListModel::reload);
}

void TranscriptListModel::setSandboxId(const QString& id) {
    m_sandboxId = id;
    reload();
}

void TranscriptListModel::setSearchText(const QString& text) {
    m_search = text.trimmed();
    reload();
}

void TranscriptListModel::reload() {
    QList<TranscriptInfo> rows;
    m_error.clear();
    if (m_store && !m_sandboxId.isEmpty()) {
        if (auto listed = m_store->list(m_sandboxId))
            rows = listed.value();
        else
            m_error = listed.error().describe();
        if (!m_search.isEmpty()) {
            QSet<QString> matching;
            if (auto matches = m_store->search(m_search, m_sandboxId)) {
                for (const TranscriptMatch& match : matches.value())
                    matching.insert(match.id);
            }
            rows.removeIf(
                [&matching](const TranscriptInfo& t) { return !matching.contains(t.id); });
        }
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int TranscriptListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TranscriptListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TranscriptListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TranscriptInfo& info = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return displayData(info, index.column());
    if (role == TranscriptIdRole)
        return info.id;
    return {};
}

QVariant TranscriptListModel::displayData(const TranscriptInfo& info, int column) const {
    switch (column) {
    case StartedColumn:
        return QLocale().toString(info.startedAt.toLocalTime(), QLocale::ShortFormat);
    case CommandColumn:
        return info.command.join(QLatin1Char(' '));
    case SessionColumn:
        return info.key;
    case EndColumn:
        if (info.isOpen())
            return tr("running");
        return info.exitCode ? tr("%1 (status %2)").arg(info.endReason).arg(*info.exitCode)
                             : info.endReason;
    case SizeColumn:
        return QLocale().formattedDataSize(info.sizeBytes);
    default:
        return {};
    }
}

QVariant TranscriptListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case CommandColumn:
        return tr("Command");
    case SessionColumn:
        return tr("Session");
    case EndColumn:
        return tr("Ended");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace hangar
