#include "SandboxFilterProxy.h"

#include "SandboxTableModel.h"

namespace hangar {

SandboxFilterProxy::SandboxFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(SandboxTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

void SandboxFilterProxy::setSourceModel(QAbstractItemModel* sourceModel) {
    for (const QMetaObject::Connection& c : std::as_const(m_sourceConnections))
        disconnect(c);
    m_sourceConnections.clear();
    forgetSortKeys();
    m_table = qobject_cast<SandboxTableModel*>(sourceModel);
    if (sourceModel) {
        using M = QAbstractItemModel;
        m_sourceConnections = {
            connect(sourceModel, &M::dataChanged, this, &SandboxFilterProxy::onSourceDataChanged),
            connect(sourceModel, &M::rowsInserted, this, &SandboxFilterProxy::forgetSortKeys),
            connect(sourceModel, &M::rowsRemoved, this, &SandboxFilterProxy::forgetSortKeys),
            connect(sourceModel, &M::rowsMoved, this, &SandboxFilterProxy::forgetSortKeys),
            connect(sourceModel, &M::layoutChanged, this, &SandboxFilterProxy::forgetSortKeys),
            connect(sourceModel, &M::modelReset, this, &SandboxFilterProxy::forgetSortKeys),
        };
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void SandboxFilterProxy::forgetSortKeys() {
    m_sortKeys.clear();
}

void SandboxFilterProxy::onSourceDataChanged(const QModelIndex& topLeft,
                                             const QModelIndex& bottomRight) {
    if (m_sortKeysColumn < topLeft.column() || m_sortKeysColumn > bottomRight.column())
        return;
    const int last = qMin(bottomRight.row(), static_cast<int>(m_sortKeys.size()) - 1);
    for (int row = topLeft.row(); row <= last; ++row)
        m_sortKeys[static_cast<size_t>(row)].reset();
}

const QCollatorSortKey& SandboxFilterProxy::sortKey(const QModelIndex& source) const {
    const auto row = static_cast<size_t>(source.row());
    if (row >= m_sortKeys.size())
        m_sortKeys.resize(qMax(row + 1, static_cast<size_t>(sourceModel()->rowCount())));
    std::optional<QCollatorSortKey>& key = m_sortKeys[row];
    if (!key)
        key = m_collator.sortKey(source.data(sortRole()).toString());
    return *key;
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
    // No filter (the common case): every row, without looking at it. The proxy asks for each
    // row of every dataChanged range, including the countdown's range over all active rows.
    if (m_stateMask == 0 && m_backend.isEmpty() && m_text.isEmpty())
        return true;
    if (!m_table) {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        return accepts(index.data(SandboxTableModel::SandboxRole).value<Sandbox>());
    }
    return accepts(m_table->sandboxAt(sourceRow));
}

bool SandboxFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    // Text through collation keys (see m_sortKeys): QSortFilterProxyModel's own locale-aware
    // compare took 2.4 s to sort 100 000 names (bench/model_scale.cpp). Times, numbers and
    // the state's lifecycle order keep the base comparison.
    if (!isSortLocaleAware())
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() != m_sortKeysColumn) {
        const QVariant l = left.data(sortRole());
        const QVariant r = right.data(sortRole());
        if (l.typeId() != QMetaType::QString || r.typeId() != QMetaType::QString)
            return QSortFilterProxyModel::lessThan(left, right);
        m_sortKeys.clear();
        m_sortKeysColumn = left.column();
    }
    return sortKey(left).compare(sortKey(right)) < 0;
}

bool SandboxFilterProxy::accepts(const Sandbox& sandbox) const {
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
