#include "SandboxEventModel.h"

#include "StatusPalette.h"
#include "lifecycle/LifecycleService.h"

#include <QLocale>

namespace hangar {

namespace {

constexpr qsizetype kDetailTipChars = 2'000; // the detail pane shows the whole detail

} // namespace

QString transitionText(const LifecycleEvent& event) {
    if (event.isNote())
        return SandboxEventModel::tr("note");
    const QString to = StatusPalette::label(event.to);
    if (!event.from)
        return SandboxEventModel::tr("→ %1").arg(to);
    return SandboxEventModel::tr("%1 → %2").arg(StatusPalette::label(*event.from), to);
}

SandboxEventModel::SandboxEventModel(LifecycleService& lifecycle, QObject* parent)
    : QAbstractTableModel(parent)
    , m_lifecycle(lifecycle) {
    connect(&m_lifecycle, &LifecycleService::eventRecorded, this,
            &SandboxEventModel::onEventRecorded);
    connect(&m_lifecycle, &LifecycleService::sandboxRemoved, this,
            &SandboxEventModel::onSandboxRemoved);
}

void SandboxEventModel::setSandboxId(const QString& id) {
    beginResetModel();
    m_sandboxId = id;
    m_events.clear();
    m_loadError.clear();
    if (!id.isEmpty()) {
        if (auto loaded = m_lifecycle.events(id))
            m_events = loaded.value();
        else
            m_loadError = loaded.error().describe();
    }
    endResetModel();
}

int SandboxEventModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int SandboxEventModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SandboxEventModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LifecycleEvent& event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(event, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn && !event.detail.isEmpty())
            return QStringLiteral("%1\n\n%2").arg(event.reason, event.detail.left(kDetailTipChars));
        if (index.column() == ErrorColumn || index.column() == ReasonColumn)
            return displayData(event, index.column());
        if (index.column() == TransitionColumn && event.isNote())
            return tr("Recorded while %1").arg(StatusPalette::label(event.to));
        if (index.column() == TimeColumn)
            return QLocale().toString(event.at.toLocalTime(), QLocale::LongFormat);
        return {};
    case SeqRole:
        return event.seq;
    case FromStateRole:
        return event.from ? QVariant(static_cast<int>(*event.from)) : QVariant();
    case ToStateRole:
        return static_cast<int>(event.to);
    case ErrorRole:
        return event.error;
    case IsNoteRole:
        return event.isNote();
    case ActorRole:
        return event.actor;
    case DetailRole:
        return event.detail;
    default:
        return {};
    }
}

QVariant SandboxEventModel::displayData(const LifecycleEvent& event, int column) const {
    switch (column) {
    case TimeColumn:
        return QLocale().toString(event.at.toLocalTime(), QLocale::ShortFormat);
    case TransitionColumn:
        return transitionText(event);
    case ActorColumn:
        return event.actor;
    case ReasonColumn:
        return event.reason;
    case ErrorColumn:
        return event.error;
    default:
        return {};
    }
}

QVariant SandboxEventModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TransitionColumn:
        return tr("Transition");
    case ActorColumn:
        return tr("Who");
    case ReasonColumn:
        return tr("Reason");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

void SandboxEventModel::onEventRecorded(const LifecycleEvent& event) {
    if (event.sandboxId != m_sandboxId || m_sandboxId.isEmpty())
        return;
    // Events arrive in commit order; one already loaded from the store is not repeated.
    if (!m_events.isEmpty() && event.seq <= m_events.constLast().seq)
        return;
    const int row = static_cast<int>(m_events.size());
    beginInsertRows({}, row, row);
    m_events.append(event);
    endInsertRows();
}

void SandboxEventModel::onSandboxRemoved(const QString& id) {
    if (id == m_sandboxId)
        setSandboxId({});
}

} // namespace hangar
