#pragma once

#include "lifecycle/SandboxState.h"

#include <QList>
#include <QSortFilterProxyModel>

namespace hangar {

// Filters SandboxTableModel rows by text (name, chat or thread, case-insensitive), by a set
// of states and by backend, and sorts by the underlying values (SortRole: times as times, the
// countdown as milliseconds, the state in lifecycle order).
class SandboxFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SandboxFilterProxy(QObject* parent = nullptr);

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

private:
    static quint32 bit(SandboxState state) { return 1U << static_cast<quint32>(state); }

    QString m_text;
    quint32 m_stateMask = 0; // 0: every state
    QString m_backend;
};

} // namespace hangar
