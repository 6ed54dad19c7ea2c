#include "ServiceTypes.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <functional>

namespace hangar {

Status validateServiceName(const QString& name) {
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid service name '%1': use 1-63 characters a-z, 0-9 "
                                        "and '-', starting with a letter or digit")
                             .arg(name));
    if (name == QLatin1String("signal"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the service name 'signal' is reserved"));
    return {};
}

Status ServiceSpec::validate() const {
    if (auto valid = validateServiceName(name); !valid)
        return valid;
    if (command.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("service '%1': no command given").arg(name));
    if (command.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("service '%1': the command contains a NUL byte").arg(name));
    for (const QString& arg : args) {
        if (arg.contains(QChar(0)))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("service '%1': an argument contains a NUL byte").arg(name));
    }
    for (const QString& need : needs) {
        if (auto valid = validateServiceName(need); !valid)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("service '%1' needs '%2', which is not a valid "
                                            "service name")
                                 .arg(name, need));
        if (need == name)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("service '%1' cannot need itself").arg(name));
    }
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (!envName.match(it.key()).hasMatch())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("service '%1': invalid environment name '%2'").arg(name, it.key()));
        if (it.value().contains(QChar(0)))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("service '%1': the value of %2 contains a NUL byte")
                                 .arg(name, it.key()));
    }
    if (httpPort && (*httpPort < 1 || *httpPort > 65535))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("service '%1': HTTP port %2 is outside 1-65535")
                             .arg(name)
                             .arg(*httpPort));
    return {};
}

Status ServiceSpec::validateNeeds(const QList<ServiceSpec>& defined) const {
    QHash<QString, QStringList> needsOf;
    for (const ServiceSpec& other : defined)
        needsOf.insert(other.name, other.needs);
    needsOf.insert(name, needs);
    for (const QString& need : needs) {
        if (!needsOf.contains(need))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("service '%1' needs '%2', which is not defined").arg(name, need));
    }
    // Depth-first from this service; meeting it again closes a circle.
    QStringList path{name};
    QSet<QString> cleared; // explored without coming back to this service
    std::function<Status(const QString&)> visit = [&](const QString& service) -> Status {
        for (const QString& need : needsOf.value(service)) {
            if (need == name)
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("services need each other in a circle: %1")
                                     .arg((path + QStringList{need}).join(QStringLiteral(" → "))));
            if (path.contains(need) || cleared.contains(need))
                continue; // a circle without this service in it is not this service's to report
            path.append(need);
            if (auto ok = visit(need); !ok)
                return ok;
            path.removeLast();
        }
        cleared.insert(service);
        return {};
    };
    return visit(name);
}

QString serviceStatusName(ServiceStatus status) {
    switch (status) {
    case ServiceStatus::Stopped:
        return QStringLiteral("stopped");
    case ServiceStatus::Starting:
        return QStringLiteral("starting");
    case ServiceStatus::Running:
        return QStringLiteral("running");
    case ServiceStatus::Stopping:
        return QStringLiteral("stopping");
    case ServiceStatus::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

ServiceStatus serviceStatusFromName(const QString& name) {
    for (ServiceStatus status : {ServiceStatus::Stopped, ServiceStatus::Starting,
                                 ServiceStatus::Running, ServiceStatus::Stopping}) {
        if (name == serviceStatusName(status))
            return status;
    }
    return ServiceStatus::Failed;
}

QStringList serviceSignalNames() {
    return {QStringLiteral("TERM"), QStringLiteral("KILL"), QStringLiteral("INT"),
            QStringLiteral("HUP"),  QStringLiteral("QUIT"), QStringLiteral("USR1"),
            QStringLiteral("USR2")};
}

Result<QString> normalizeServiceSignal(const QString& signal) {
    QString name = signal.trimmed().toUpper();
    if (name.startsWith(QLatin1String("SIG")))
        name = name.mid(3);
    if (!serviceSignalNames().contains(name))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("unknown signal '%1': use one of %2")
                             .arg(signal, serviceSignalNames().join(QLatin1String(", "))));
    return name;
}

void ServiceLogStream::cancel() {
    if (m_closed)
        return;
    onCancel();
    close();
}

ServiceLogStream* ServiceLogStream::failure(const Error& error, QObject* parent) {
    auto* stream = new ServiceLogStream(parent);
    QTimer::singleShot(0, stream, [stream, error] { stream->close(error); });
    return stream;
}

void ServiceLogStream::deliver(const ServiceLogLine& line) {
    if (!m_closed)
        emit this->line(line);
}

void ServiceLogStream::close(const std::optional<Error>& error) {
    if (m_closed)
        return;
    m_closed = true;
    // Later than the call that made the stream, even when closed right away.
    QTimer::singleShot(0, this, [this, error] {
        if (error)
            emit failed(*error);
        else
            emit ended();
        deleteLater();
    });
}

} // namespace hangar
