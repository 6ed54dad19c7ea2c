#include "SessionListModel.h"

#include <QLocale>

#include <algorithm>

namespace hangar {

namespace {

QString formatTime(const QDateTime& at) {
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

void SessionListModel::setSessions(QList<SessionInfo> sessions) {
    // Running sessions first, then the most recently used: the ones that matter on top.
    std::stable_sort(sessions.begin(), sessions.end(),
                     [](const SessionInfo& a, const SessionInfo& b) {
                         if (a.running != b.running)
                             return a.running;
                         return a.lastActivityAt > b.lastActivityAt;
                     });
    beginResetModel();
    m_sessions = std::move(sessions);
    endResetModel();
}

int SessionListModel::runningCount() const {
    return static_cast<int>(std::count_if(m_sessions.cbegin(), m_sessions.cend(),
                                          [](const SessionInfo& s) { return s.running; }));
}

int SessionListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_sessions.size());
}

int SessionListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SessionInfo& session = m_sessions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(session, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommandColumn ? session.command.join(QLatin1Char(' '))
                                               : QVariant();
    case SessionIdRole:
        return session.id;
    case RunningRole:
        return session.running;
    default:
        return {};
    }
}

QVariant SessionListModel::displayData(const SessionInfo& session, int column) const {
    switch (column) {
    case CommandColumn:
        return session.command.join(QLatin1Char(' '));
    case StartedColumn:
        return formatTime(session.startedAt);
    case LastActivityColumn:
        return formatTime(session.lastActivityAt);
    case StatusColumn:
        if (session.running)
            return session.tty ? tr("running (terminal)") : tr("running");
        if (session.exitCode)
            return tr("exited with %1").arg(*session.exitCode);
        return tr("ended");
    default:
        return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CommandColumn:
        return tr("Command");
    case StartedColumn:
        return tr("Started");
    case LastActivityColumn:
        return tr("Last activity");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace hangar
