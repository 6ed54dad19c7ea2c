#include "PortForwardModel.h"

#include "StatusPalette.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>

namespace hangar {

void PortForwardModel::setForwards(const QList<PortForward*>& forwards) {
    beginResetModel();
    for (const QPointer<PortForward>& forward : std::as_const(m_forwards)) {
        if (forward)
            forward->disconnect(this);
    }
    m_forwards.clear();
    for (PortForward* forward : forwards) {
        if (forward && rowOf(forward) < 0) {
            m_forwards.append(forward);
            follow(forward);
        }
    }
    endResetModel();
}

void PortForwardModel::addForward(PortForward* forward) {
    if (!forward || rowOf(forward) >= 0)
        return;
    const int row = static_cast<int>(m_forwards.size());
    beginInsertRows({}, row, row);
    m_forwards.append(forward);
    follow(forward);
    endInsertRows();
}

PortForward* PortForwardModel::forwardAt(int row) const {
    return row >= 0 && row < m_forwards.size() ? m_forwards.at(row).data() : nullptr;
}

int PortForwardModel::rowOf(const PortForward* forward) const {
    for (qsizetype row = 0; row < m_forwards.size(); ++row) {
        if (m_forwards.at(row) == forward)
            return static_cast<int>(row);
    }
    return -1;
}

int PortForwardModel::rowOfRemotePort(quint16 remotePort) const {
    for (qsizetype row = 0; row < m_forwards.size(); ++row) {
        const PortForward* forward = m_forwards.at(row);
        if (forward && forward->isActive() && forward->remotePort() == remotePort)
            return static_cast<int>(row);
    }
    return -1;
}

void PortForwardModel::follow(PortForward* forward) {
    auto changed = [this, forward] { onChanged(forward); };
    connect(forward, &PortForward::listening, this, changed);
    connect(forward, &PortForward::failed, this, changed);
    connect(forward, &PortForward::stopped, this, changed);
    connect(forward, &PortForward::statsChanged, this, changed);
    connect(forward, &PortForward::connectionFailed, this, changed);
    connect(forward, &QObject::destroyed, this, &PortForwardModel::onDestroyed);
}

void PortForwardModel::onChanged(PortForward* forward) {
    const int row = rowOf(forward);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PortForwardModel::onDestroyed(QObject* object) {
    // The QPointer is already null: find the row that lost its forward.
    for (qsizetype row = 0; row < m_forwards.size(); ++row) {
        if (m_forwards.at(row).isNull() || m_forwards.at(row).data() == object) {
            beginRemoveRows({}, static_cast<int>(row), static_cast<int>(row));
            m_forwards.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

int PortForwardModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_forwards.size());
}

int PortForwardModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PortForwardModel::stateText(PortForward::State state) {
    switch (state) {
    case PortForward::State::Starting:
        return tr("starting");
    case PortForward::State::Listening:
        return tr("forwarding");
    case PortForward::State::Stopped:
        return tr("stopped");
    case PortForward::State::Failed:
        return tr("failed");
    }
    return {};
}

QVariant PortForwardModel::displayData(const PortForward& forward, int column) const {
    const QLocale locale;
    switch (column) {
    case LocalPortColumn:
        return forward.localPort() ? QStringLiteral("127.0.0.1:%1").arg(forward.localPort())
                                   : QStringLiteral("…");
    case RemotePortColumn:
        return QString::number(forward.remotePort());
    case StateColumn:
        return stateText(forward.state());
    case ConnectionsColumn:
        return tr("%1 open, %2 in all")
            .arg(forward.openConnections())
            .arg(forward.totalConnections());
    case SentColumn:
        return locale.formattedDataSize(forward.bytesToSandbox());
    case ReceivedColumn:
        return locale.formattedDataSize(forward.bytesFromSandbox());
    default:
        return {};
    }
}

QVariant PortForwardModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PortForward* forward = m_forwards.at(index.row());
    if (!forward)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*forward, index.column());
    case Qt::ToolTipRole:
        if (!forward->lastError().message.isEmpty())
            return forward->lastError().message;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && forward->state() == PortForward::State::Failed)
            return QBrush(StatusPalette::color(SandboxState::Failed, QGuiApplication::palette()));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SentColumn || index.column() == ReceivedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ForwardRole:
        return QVariant::fromValue(static_cast<QObject*>(const_cast<PortForward*>(forward)));
    case LocalPortRole:
        return static_cast<int>(forward->localPort());
    case RemotePortRole:
        return static_cast<int>(forward->remotePort());
    case StateRole:
        return static_cast<int>(forward->state());
    case OpenConnectionsRole:
        return forward->openConnections();
    case TotalConnectionsRole:
        return forward->totalConnections();
    case BytesToSandboxRole:
        return forward->bytesToSandbox();
    case BytesFromSandboxRole:
        return forward->bytesFromSandbox();
    case ErrorRole:
        return forward->lastError().message;
    default:
        return {};
    }
}

QVariant PortForwardModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LocalPortColumn:
        return tr("On this computer");
    case RemotePortColumn:
        return tr("Sandbox port");
    case StateColumn:
        return tr("State");
    case ConnectionsColumn:
        return tr("Connections");
    case SentColumn:
        return tr("Sent");
    case ReceivedColumn:
        return tr("Received");
    default:
        return {};
    }
}

} // namespace hangar
