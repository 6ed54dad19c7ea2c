#include "SandboxFilterProxy.h"

#include "SandboxTableModel.h"

namespace hangar {

SandboxFilterProxy::SandboxFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(SandboxTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void SandboxFilterProxy::setTextFilter(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

QList<SandboxState> SandboxFilterProxy::stateFilter() const {
    QList<SandboxState> states;
    for (SandboxState s : kAllStates) {
        if (m_stateMask & bit(s))
            states.append(s);
    }
    return states;
}

void SandboxFilterProxy::setStateFilter(const QList<SandboxState>& states) {
    quint32 mask = 0;
    for (SandboxState s : states)
        mask |= bit(s);
    if (mask == m_stateMask)
        return;
    m_stateMask = mask;
    invalidateFilter();
}

void SandboxFilterProxy::setBackendFilter(const QString& backend) {
    if (backend == m_backend)
        return;
    m_backend = backend;
    invalidateFilter();
}

bool SandboxFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto sandbox = index.data(SandboxTableModel::SandboxRole).value<Sandbox>();
    if (m_stateMask != 0 && !(m_stateMask & bit(sandbox.state)))
        return false;
    if (!m_backend.isEmpty() && sandbox.backend != m_backend)
        return false;
    if (m_text.isEmpty())
        return true;
    return sandbox.name.contains(m_text, Qt::CaseInsensitive) ||
           sandbox.chatId.contains(m_text, Qt::CaseInsensitive) ||
           sandbox.threadId.contains(m_text, Qt::CaseInsensitive);
}

} // namespace hangar
