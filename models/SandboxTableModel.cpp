#include "SandboxTableModel.h"

#include "StatusPalette.h"
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

    if (auto loaded = m_lifecycle.sandboxes())
        m_rows = loaded.value();
    else
        m_loadError = loaded.error().describe();
    updateCountdownTimer();
}

int SandboxTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SandboxTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int SandboxTableModel::rowOf(const QString& id) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

QModelIndex SandboxTableModel::indexOf(const QString& id, int column) const {
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row, column);
}

QMap<SandboxState, int> SandboxTableModel::stateCounts() const {
    QMap<SandboxState, int> counts;
    for (const Sandbox& s : m_rows)
        ++counts[s.state];
    return counts;
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
        return s.backend;
    case StateColumn:
        return StatusPalette::label(s.state);
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
        return s.error;
    case ColumnCount:
        break;
    }
    return {};
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
        return tr("Backend");
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
    return names;
}

void SandboxTableModel::onSandboxAdded(const Sandbox& sandbox) {
    if (rowOf(sandbox.id) >= 0) {
        onSandboxChanged(sandbox);
        return;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(sandbox);
    endInsertRows();
    updateCountdownTimer();
}

void SandboxTableModel::onSandboxChanged(const Sandbox& sandbox) {
    const int row = rowOf(sandbox.id);
    if (row < 0) {
        // Announced as changed before we saw it added: it is new to us.
        onSandboxAdded(sandbox);
        return;
    }
    m_rows[row] = sandbox;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    updateCountdownTimer();
}

void SandboxTableModel::onSandboxRemoved(const QString& id) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    updateCountdownTimer();
}

void SandboxTableModel::refreshCountdown() {
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).state != SandboxState::Active)
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0) {
        emit dataChanged(index(first, HibernatesInColumn), index(last, HibernatesInColumn),
                         {Qt::DisplayRole, SortRole});
    }
}

void SandboxTableModel::updateCountdownTimer() {
    const bool anyActive = std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Sandbox& s) {
        return s.state == SandboxState::Active;
    });
    if (anyActive && !m_countdownTimer.isActive())
        m_countdownTimer.start();
    else if (!anyActive)
        m_countdownTimer.stop();
}

} // namespace hangar
