#include "PortForward.h"

#include "Backend.h"

#include <QTimer>

namespace hangar {

namespace {

constexpr int MaxPort = 65535;

// The forward that only fails: bad input or a backend that cannot forward.
class FailedForward : public PortForward {
public:
    FailedForward(const QString& sandbox, int remotePort, Error error, QObject* parent)
        : PortForward(
              sandbox,
              static_cast<quint16>(remotePort >= 0 && remotePort <= MaxPort ? remotePort : 0), 0,
              parent)
        , m_failure(std::move(error)) {}

protected:
    void begin() override { setFailed(m_failure); }
    void end() override {}

private:
    Error m_failure;
};

Error notAPort(const QString& given, bool allowZero) {
    return makeError(
        ErrorCode::InvalidArgument,
        allowZero ? QStringLiteral("'%1' is not a port: give a number from 1 to "
                                   "65535, or 0 for any free port")
                        .arg(given)
                  : QStringLiteral("'%1' is not a port: give a number from 1 to 65535").arg(given));
}

} // namespace

Status validatePort(int port, bool allowZero) {
    if ((port == 0 && allowZero) || (port >= 1 && port <= MaxPort))
        return {};
    return notAPort(QString::number(port), allowZero);
}

Result<quint16> parsePort(const QString& text, bool allowZero) {
    const QString given = text.trimmed();
    if (given.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("no port given: give a number from 1 to 65535"));
    for (const QChar c : given) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return notAPort(given, allowZero);
    }
    // More than five digits is past 65535 whatever they are (and would overflow toInt).
    const int port = given.size() > 5 ? MaxPort + 1 : given.toInt();
    if (!validatePort(port, allowZero))
        return notAPort(given, allowZero);
    return static_cast<quint16>(port);
}

Status validateUrlAuth(const QString& auth) {
    if (auth == url_auth::Public || auth == url_auth::Sprite)
        return {};
    return makeError(
        ErrorCode::InvalidArgument,
        QStringLiteral("'%1' is not a URL access setting: use \"public\" or \"sprite\"").arg(auth));
}

// --- PortForward -------------------------------------------------------------------------

PortForward::PortForward(QString sandbox, quint16 remotePort, quint16 requestedLocalPort,
                         QObject* parent)
    : QObject(parent)
    , m_sandbox(std::move(sandbox))
    , m_remotePort(remotePort)
    , m_requestedLocalPort(requestedLocalPort)
    , m_startedAt(QDateTime::currentDateTimeUtc()) {
    // Not in the constructor: the caller connects to the signals first.
    QTimer::singleShot(0, this, [this] {
        if (m_state == State::Starting)
            begin();
    });
}

void PortForward::stop() {
    if (!isActive())
        return;
    m_state = State::Stopped;
    end();
    m_open = 0;
    emit statsChanged();
    emit stopped();
}

PortForward* PortForward::failure(const QString& sandbox, int remotePort, const Error& error,
                                  QObject* parent) {
    return new FailedForward(sandbox, remotePort, error, parent);
}

void PortForward::setListening(quint16 localPort) {
    if (m_state != State::Starting)
        return;
    m_state = State::Listening;
    m_localPort = localPort;
    emit listening(localPort);
}

void PortForward::setFailed(const Error& error) {
    if (!isActive())
        return;
    m_state = State::Failed;
    m_error = error;
    end();
    m_open = 0;
    emit statsChanged();
    emit failed(error);
}

void PortForward::addConnection() {
    ++m_open;
    ++m_total;
    emit statsChanged();
}

void PortForward::removeConnection() {
    if (m_open > 0)
        --m_open;
    emit statsChanged();
}

void PortForward::addTraffic(qint64 toSandbox, qint64 fromSandbox) {
    m_toSandbox += toSandbox;
    m_fromSandbox += fromSandbox;
    emit statsChanged();
}

void PortForward::reportConnectionFailure(const Error& error) {
    m_error = error;
    emit connectionFailed(error);
}

// --- OpenPortWatch -----------------------------------------------------------------------

OpenPortWatch::OpenPortWatch(Backend* backend, QString sandbox)
    : m_backend(backend)
    , m_sandbox(std::move(sandbox)) {
    connect(backend, &Backend::openPortsListed, this, &OpenPortWatch::onListed);
    connect(backend, &Backend::portOpened, this, &OpenPortWatch::onOpened);
    connect(backend, &Backend::portClosed, this, &OpenPortWatch::onClosed);
    connect(backend, &Backend::portWatchFailed, this, &OpenPortWatch::onFailed);
}

OpenPortWatch::~OpenPortWatch() {
    if (m_backend)
        m_backend->releasePortWatch(m_sandbox);
}

void OpenPortWatch::onListed(const QString& name, const QList<OpenPort>& ports) {
    if (name != m_sandbox || m_ready || m_failed)
        return;
    for (const OpenPort& port : ports)
        m_ports.insert(port.port, port);
    m_ready = true;
    emit ready();
}

void OpenPortWatch::onOpened(const QString& name, const OpenPort& port) {
    if (name != m_sandbox || !m_ready || m_failed)
        return;
    m_ports.insert(port.port, port);
    emit portOpened(port);
}

void OpenPortWatch::onClosed(const QString& name, const OpenPort& port) {
    if (name != m_sandbox || !m_ready || m_failed || !m_ports.remove(port.port))
        return;
    emit portClosed(port);
}

void OpenPortWatch::onFailed(const QString& name, const Error& error) {
    if (name != m_sandbox || m_failed)
        return;
    m_failed = true;
    m_error = error;
    emit failed(error);
}

} // namespace hangar
