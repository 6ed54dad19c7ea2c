#include "ServiceListModel.h"

#include "StatusPalette.h"

#include <QBrush>
#include <QGuiApplication>

#include <algorithm>

namespace hangar {

namespace {

SandboxState badgeOf(ServiceStatus status) {
    switch (status) {
    case ServiceStatus::Running:
        return SandboxState::Active;
    case ServiceStatus::Starting:
        return SandboxState::Provisioning;
    case ServiceStatus::Stopping:
        return SandboxState::Hibernating;
    case ServiceStatus::Stopped:
        return SandboxState::Hibernated;
    case ServiceStatus::Failed:
        return SandboxState::Failed;
    }
    return SandboxState::Failed;
}

QString commandLine(const ServiceSpec& spec) {
    QStringList words{spec.command};
    for (const QString& arg : spec.args) {
        // Shown quoted when it would be ambiguous; it is handed over as one argument anyway.
        const bool plain = !arg.isEmpty() && std::none_of(arg.cbegin(), arg.cend(), [](QChar c) {
            return c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('"');
        });
        words.append(plain ? arg
                           : QLatin1Char('\'') +
                                 QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                                 QLatin1Char('\''));
    }
    return words.join(QLatin1Char(' '));
}

} // namespace

void ServiceListModel::setServices(QList<ServiceInfo> services) {
    std::stable_sort(
        services.begin(), services.end(),
        [](const ServiceInfo& a, const ServiceInfo& b) { return a.name() < b.name(); });
    beginResetModel();
    m_services = std::move(services);
    endResetModel();
}

int ServiceListModel::rowOf(const QString& name) const {
    for (qsizetype row = 0; row < m_services.size(); ++row) {
        if (m_services.at(row).name() == name)
            return static_cast<int>(row);
    }
    return -1;
}

QString ServiceListModel::statusLabel(ServiceStatus status) {
    switch (status) {
    case ServiceStatus::Stopped:
        return tr("stopped");
    case ServiceStatus::Starting:
        return tr("starting");
    case ServiceStatus::Running:
        return tr("running");
    case ServiceStatus::Stopping:
        return tr("stopping");
    case ServiceStatus::Failed:
        return tr("failed");
    }
    return tr("failed");
}

int ServiceListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_services.size());
}

int ServiceListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceListModel::data(const QModelIndex& index, int role) const {
    // Invalid indexes are asked for by views and testers: no warning for them.
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceInfo& service = m_services.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(service, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn)
            return service.error;
        if (index.column() == CommandColumn)
            return displayData(service, CommandColumn);
        return {};
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: {
        if (index.column() != StateColumn)
            return {};
        const SandboxState state = badgeOf(service.status);
        const QPalette palette = QGuiApplication::palette();
        return QBrush(role == Qt::BackgroundRole
                          ? StatusPalette::color(state, palette)
                          : StatusPalette::textColor(state, StatusPalette::schemeFor(palette)));
    }
    case Qt::TextAlignmentRole:
        return index.column() == PidColumn || index.column() == RestartsColumn
                   ? QVariant(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case NameRole:
        return service.name();
    case StatusRole:
        return static_cast<int>(service.status);
    case PidRole:
        return service.pid ? QVariant(*service.pid) : QVariant();
    case RestartCountRole:
        return service.restartCount;
    case ErrorRole:
        return service.error;
    case RunningRole:
        return service.status == ServiceStatus::Running ||
               service.status == ServiceStatus::Starting;
    default:
        return {};
    }
}

QVariant ServiceListModel::displayData(const ServiceInfo& service, int column) const {
    switch (column) {
    case NameColumn:
        return service.name();
    case StateColumn:
        return statusLabel(service.status);
    case PidColumn:
        return service.pid ? QString::number(*service.pid) : QString();
    case RestartsColumn:
        return service.restartCount;
    case CommandColumn:
        return commandLine(service.spec);
    case ErrorColumn:
        return service.error;
    default:
        return {};
    }
}

QVariant ServiceListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    case PidColumn:
        return tr("PID");
    case RestartsColumn:
        return tr("Restarts");
    case CommandColumn:
        return tr("Command");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace hangar
