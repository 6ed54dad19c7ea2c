#pragma once

#include "lifecycle/Sandbox.h"

#include <QCollator>
#include <QList>
#include <QPointer>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace hangar {

class SandboxTableModel;

// Filters SandboxTableModel rows by text (name, chat or thread, case-insensitive), by a set
// of states and by backend, and sorts by the underlying values (SortRole: times as times, the
// countdown as milliseconds, the state in lifecycle order).
class SandboxFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SandboxFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* sourceModel) override;

    QString textFilter() const { return m_text; }
    void setTextFilter(const QString& text);

    // Only rows in one of `states`; all rows when empty.
    QList<SandboxState> stateFilter() const;
    void setStateFilter(const QList<SandboxState>& states);

    // Only rows of this backend kind; all when empty.
    QString backendFilter() const { return m_backend; }
    void setBackendFilter(const QString& backend);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool accepts(const Sandbox& sandbox) const;
    const QCollatorSortKey& sortKey(const QModelIndex& source) const;
    void forgetSortKeys();
    void onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    static quint32 bit(SandboxState state) { return 1U << static_cast<quint32>(state); }

    // The source when it is a SandboxTableModel: rows are read directly, not through a
    // QVariant copy of the whole Sandbox (the filter runs for every changed row).
    QPointer<SandboxTableModel> m_table;
    QCollator m_collator;
    // Collation keys of the text column being sorted on, by source row, made on first use:
    // sorting 100 000 names compares each about 17 times, and comparing two keys is far
    // cheaper than collating two strings. Forgotten when rows come, go or move, and per row
    // when that column changes; these connections are made before the base class's, so they
    // run before it re-sorts.
    mutable std::vector<std::optional<QCollatorSortKey>> m_sortKeys;
    mutable int m_sortKeysColumn = -1;
    QList<QMetaObject::Connection> m_sourceConnections;
    QString m_text;
    quint32 m_stateMask = 0; // 0: every state
    QString m_backend;
};

} // namespace hangar
