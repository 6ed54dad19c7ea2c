#include "SandboxTableModel.h"

#include "StatusPalette.h"
#include "lifecycle/FleetHealth.h"
#include "lifecycle/LifecycleService.h"

#include <QLocale>

#include <algorithm>

namespace hangar {

namespace {

constexpr qint64 kMsPerSecond = 1000;
constexpr qint64 kSecondsPerMinute = 60;
constexpr qint64 kSecondsPerHour = 3600;

} // namespace

QString formatCountdown(qint64 ms) {
    if (ms <= 0)
        return SandboxTableModel::tr("due");
    // Round up: "0:01" until the very end, never "0:00" while time remains.
    const qint64 total = (ms + kMsPerSecond - 1) / kMsPerSecond;
    const qint64 hours = total / kSecondsPerHour;
    const qint64 minutes = (total % kSecondsPerHour) / kSecondsPerMinute;
    const qint64 seconds = total % kSecondsPerMinute;
    const QLatin1Char zero('0');
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, zero)
            .arg(seconds, 2, 10, zero);
    }
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds, 2, 10, zero);
}

SandboxTableModel::SandboxTableModel(LifecycleService& lifecycle, QObject* parent)
    : QAbstractTableModel(parent)
    , m_lifecycle(lifecycle) {
    connect(&m_lifecycle, &LifecycleService::sandboxAdded, this,
            &SandboxTableModel::onSandboxAdded);
    connect(&m_lifecycle, &LifecycleService::sandboxChanged, this,
            &SandboxTableModel::onSandboxChanged);
    connect(&m_lifecycle, &LifecycleService::sandboxRemoved, this,
            &SandboxTableModel::onSandboxRemoved);

    m_countdownTimer.setInterval(kCountdownIntervalMs);
    connect(&m_countdownTimer, &QTimer::timeout, this, &SandboxTableModel::refreshCountdown);

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &SandboxTableModel::flushPendingChanges);

    if (auto loaded = m_lifecycle.sandboxes())
        m_rows = std::move(loaded).value();
    else
        m_loadError = loaded.error().describe();
    m_rowById.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row) {
        const Sandbox& s = m_rows.at(row);
        m_rowById.insert(s.id, row);
        countState(s.state, 1);
    }
    updateCountdownTimer();
}

int SandboxTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SandboxTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int SandboxTableModel::rowOf(const QString& id) const {
    return m_rowById.value(id, -1);
}

QModelIndex SandboxTableModel::indexOf(const QString& id, int column) const {
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row, column);
}

QMap<SandboxState, int> SandboxTableModel::stateCounts() const {
    QMap<SandboxState, int> counts;
    for (SandboxState state : kAllStates) {
        if (const int n = m_stateCounts.at(static_cast<size_t>(state)); n > 0)
            counts.insert(state, n);
    }
    return counts;
}

void SandboxTableModel::countState(SandboxState state, int delta) {
    m_stateCounts.at(static_cast<size_t>(state)) += delta;
}

std::optional<qint64> SandboxTableModel::hibernatesInMs(const Sandbox& sandbox) const {
    if (sandbox.state != SandboxState::Active || !sandbox.lastActivityAt.isValid())
        return std::nullopt;
    const qint64 due =
        sandbox.lastActivityAt.toMSecsSinceEpoch() + m_lifecycle.options().inactivityTimeoutMs;
    return due - m_lifecycle.clock().nowMs();
}

QVariant SandboxTableModel::displayData(const Sandbox& s, int column) const {
    switch (static_cast<Column>(column)) {
    case NameColumn:
        return s.name;
    case BackendColumn:
        return m_accountNames.value(s.backend, s.backend);
    case StateColumn:
        return degradedReason(s).isEmpty() ? StatusPalette::label(s.state)
                                           : StatusPalette::degradedLabel();
    case ChatColumn:
        return s.chatId;
    case ThreadColumn:
        return s.threadId;
    case LastActivityColumn:
        return s.lastActivityAt.isValid()
                   ? QLocale().toString(s.lastActivityAt.toLocalTime(), QLocale::ShortFormat)
                   : QString();
    case HibernatesInColumn: {
        const auto ms = hibernatesInMs(s);
        return ms ? formatCountdown(*ms) : QString();
    }
    case ErrorColumn:
        return s.error.isEmpty() ? backendProblemText(s) : s.error;
    case ColumnCount:
        break;
    }
    return {};
}

QString SandboxTableModel::backendProblemText(const Sandbox& s) const {
    if (m_backendProblems.isEmpty())
        return {};
    const QString problem = m_backendProblems.value(s.backend);
    return problem.isEmpty() ? QString() : tr("provider unreachable: %1").arg(problem);
}

void SandboxTableModel::setBackendProblem(const QString& backend, const QString& problem) {
    if (m_backendProblems.value(backend) == problem)
        return;
    if (problem.isEmpty())
        m_backendProblems.remove(backend);
    else
        m_backendProblems.insert(backend, problem);
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, ErrorColumn), index(rowCount() - 1, ErrorColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole, SortRole});
    }
}

void SandboxTableModel::setAccountNames(const QHash<QString, QString>& names) {
    if (m_accountNames == names)
        return;
    m_accountNames = names;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, BackendColumn), index(rowCount() - 1, BackendColumn),
                         {Qt::DisplayRole, SortRole});
    }
}

QVariant SandboxTableModel::sortData(const Sandbox& s, int column) const {
    switch (static_cast<Column>(column)) {
    case StateColumn:
        return static_cast<int>(s.state);
    case LastActivityColumn:
        return s.lastActivityAt;
    case HibernatesInColumn: {
        const auto ms = hibernatesInMs(s);
        return ms ? QVariant(*ms) : QVariant();
    }
    default:
        return displayData(s, column);
    }
}

QVariant SandboxTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Sandbox& s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(s, index.column());
    case Qt::ToolTipRole:
        if (!s.error.isEmpty())
            return s.error;
        if (index.column() == StateColumn && !degradedReason(s).isEmpty())
            return tr("Degraded: %1").arg(degradedReason(s));
        if (index.column() == ErrorColumn)
            return backendProblemText(s);
        if (index.column() == LastActivityColumn && s.lastActivityAt.isValid())
            return QLocale().toString(s.lastActivityAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == HibernatesInColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SandboxIdRole:
        return s.id;
    case StateRole:
        return static_cast<int>(s.state);
    case ErrorRole:
        return s.error;
    case SandboxRole:
        return QVariant::fromValue(s);
    case BackendRole:
        return s.backend;
    case SortRole:
        return sortData(s, index.column());
    case OperationRole:
        return m_operations.isEmpty() ? QString() : m_operations.value(s.id).label;
    case ProgressRole:
        return m_operations.isEmpty() ? -1 : m_operations.value(s.id).percent;
    case DegradedRole:
        return degradedReason(s);
    default:
        return {};
    }
}

QVariant SandboxTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Name");
    case BackendColumn:
        return tr("Account");
    case StateColumn:
        return tr("State");
    case ChatColumn:
        return tr("Chat");
    case ThreadColumn:
        return tr("Thread");
    case LastActivityColumn:
        return tr("Last activity");
    case HibernatesInColumn:
        return tr("Hibernates in");
    case ErrorColumn:
        return tr("Error");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> SandboxTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SandboxIdRole, QByteArrayLiteral("sandboxId"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(ErrorRole, QByteArrayLiteral("error"));
    names.insert(SandboxRole, QByteArrayLiteral("sandbox"));
    names.insert(BackendRole, QByteArrayLiteral("backend"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(OperationRole, QByteArrayLiteral("operation"));
    names.insert(ProgressRole, QByteArrayLiteral("progress"));
    names.insert(DegradedRole, QByteArrayLiteral("degraded"));
    return names;
}

void SandboxTableModel::onSandboxAdded(const Sandbox& sandbox) {
    if (rowOf(sandbox.id) >= 0) {
        onSandboxChanged(sandbox);
        return;
    }
    // Queued row numbers must not straddle a row insertion.
    flushPendingChanges();
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(sandbox);
    m_rowById.insert(sandbox.id, row);
    countState(sandbox.state, 1);
    endInsertRows();
    updateCountdownTimer();
}

SandboxTableModel::ColumnSpan SandboxTableModel::changedColumns(const Sandbox& before,
                                                                const Sandbox& after) {
    ColumnSpan span;
    if (before.name != after.name)
        span.add(NameColumn);
    if (before.backend != after.backend)
        span.add(BackendColumn);
    if (before.chatId != after.chatId)
        span.add(ChatColumn);
    if (before.threadId != after.threadId)
        span.add(ThreadColumn);
    if (before.state != after.state) {
        span.add(StateColumn);
        span.add(HibernatesInColumn);
    }
    if (before.lastActivityAt != after.lastActivityAt) {
        span.add(LastActivityColumn);
        span.add(HibernatesInColumn);
    }
    if (before.error != after.error) {
        // The badge's tooltip. The other cells' tooltips show it too, but views read tooltips
        // on hover and keep none, so announcing the name column (and re-sorting) is not needed.
        span.add(StateColumn);
        span.add(ErrorColumn);
    }
    // Nothing shown changed (times, pinned), but SandboxRole did: announce the state cell,
    // which is what selection-dependent actions look at.
    if (span.last < 0)
        span.add(StateColumn);
    return span;
}

void SandboxTableModel::onSandboxChanged(const Sandbox& sandbox) {
    const int row = rowOf(sandbox.id);
    if (row < 0) {
        // Announced as changed before we saw it added: it is new to us.
        onSandboxAdded(sandbox);
        return;
    }
    Sandbox& current = m_rows[row];
    const ColumnSpan columns = changedColumns(current, sandbox);
    if (current.state != sandbox.state) {
        countState(current.state, -1);
        countState(sandbox.state, 1);
    }
    current = sandbox;
    if (m_pending.isEmpty() && m_changesThisTurn < kImmediateChangesPerTurn) {
        ++m_changesThisTurn;
        emit dataChanged(index(row, columns.first), index(row, columns.last));
        if (!m_flushTimer.isActive())
            m_flushTimer.start(); // marks the end of the turn, to renew the allowance
    } else {
        queueChange(row, columns);
    }
    updateCountdownTimer();
}

void SandboxTableModel::queueChange(int row, const ColumnSpan& columns) {
    m_pending[row].add(columns);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void SandboxTableModel::flushPendingChanges() {
    m_flushTimer.stop();
    m_changesThisTurn = 0;
    if (m_pending.isEmpty())
        return;
    QList<int> rows = m_pending.keys();
    std::sort(rows.begin(), rows.end());
    // Contiguous runs of changed rows, each with the union of its columns.
    struct Run {
        int first;
        int last;
        ColumnSpan columns;
    };
    QList<Run> runs;
    ColumnSpan all;
    for (int row : std::as_const(rows)) {
        const ColumnSpan span = m_pending.value(row);
        all.add(span);
        if (!runs.isEmpty() && runs.last().last == row - 1) {
            runs.last().last = row;
            runs.last().columns.add(span);
        } else {
            runs.append({row, row, span});
        }
    }
    m_pending.clear();
    if (runs.size() > kMaxRunsPerFlush) {
        // Many scattered rows: one signal is cheaper for every listener than hundreds.
        emit dataChanged(index(rows.constFirst(), all.first), index(rows.constLast(), all.last));
        return;
    }
    for (const Run& run : std::as_const(runs))
        emit dataChanged(index(run.first, run.columns.first), index(run.last, run.columns.last));
}

void SandboxTableModel::onSandboxRemoved(const QString& id) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    flushPendingChanges();
    beginRemoveRows({}, row, row);
    countState(m_rows.at(row).state, -1);
    m_rows.removeAt(row);
    m_rowById.remove(id);
    m_operations.remove(id);
    m_degraded.remove(id);
    // The rows below moved up by one.
    for (int r = row; r < m_rows.size(); ++r)
        m_rowById[m_rows.at(r).id] = r;
    endRemoveRows();
    updateCountdownTimer();
}

void SandboxTableModel::setOperation(const QString& id, const QString& label, int percent) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    const Operation operation{label, percent < 0 ? -1 : qMin(percent, 100)};
    auto it = m_operations.find(id);
    if (it != m_operations.end() && it->label == operation.label &&
        it->percent == operation.percent)
        return;
    m_operations.insert(id, operation);
    const QModelIndex cell = index(row, StateColumn);
    emit dataChanged(cell, cell, {OperationRole, ProgressRole});
}

void SandboxTableModel::clearOperation(const QString& id) {
    if (!m_operations.remove(id))
        return;
    const QModelIndex cell = indexOf(id, StateColumn);
    if (cell.isValid())
        emit dataChanged(cell, cell, {OperationRole, ProgressRole});
}

QString SandboxTableModel::degradedReason(const Sandbox& s) const {
    // The mark may outlive the active state by a turn; a degraded hibernated sandbox means nothing.
    if (m_degraded.isEmpty() || s.state != SandboxState::Active)
        return {};
    return m_degraded.value(s.id);
}

void SandboxTableModel::setFleetHealth(FleetHealth* fleet) {
    if (!fleet)
        return;
    connect(fleet, &FleetHealth::degradedChanged, this,
            [this](const QString& id, bool, const QString& reason) { setDegraded(id, reason); });
    const QHash<QString, QString> now = fleet->degraded();
    for (auto it = now.constBegin(); it != now.constEnd(); ++it)
        setDegraded(it.key(), it.value());
}

void SandboxTableModel::setDegraded(const QString& id, const QString& reason) {
    if (m_degraded.value(id) == reason)
        return;
    if (reason.isEmpty())
        m_degraded.remove(id);
    else
        m_degraded.insert(id, reason);
    const QModelIndex cell = indexOf(id, StateColumn);
    if (cell.isValid())
        emit dataChanged(cell, cell, {Qt::DisplayRole, Qt::ToolTipRole, DegradedRole});
}

void SandboxTableModel::refreshCountdown() {
    if (m_stateCounts.at(static_cast<size_t>(SandboxState::Active)) == 0)
        return;
    // One range from the first to the last active row: one signal, whatever the fleet size.
    const auto isActive = [](const Sandbox& s) { return s.state == SandboxState::Active; };
    const auto first = std::find_if(m_rows.cbegin(), m_rows.cend(), isActive);
    const auto last = std::find_if(m_rows.crbegin(), m_rows.crend(), isActive);
    if (first == m_rows.cend())
        return;
    const int firstRow = static_cast<int>(first - m_rows.cbegin());
    const int lastRow = static_cast<int>(m_rows.size() - 1 - (last - m_rows.crbegin()));
    emit dataChanged(index(firstRow, HibernatesInColumn), index(lastRow, HibernatesInColumn),
                     {Qt::DisplayRole, SortRole});
}

void SandboxTableModel::updateCountdownTimer() {
    const bool anyActive = m_stateCounts.at(static_cast<size_t>(SandboxState::Active)) > 0;
    if (anyActive && !m_countdownTimer.isActive())
        m_countdownTimer.start();
    else if (!anyActive)
        m_countdownTimer.stop();
}

} // namespace hangar
