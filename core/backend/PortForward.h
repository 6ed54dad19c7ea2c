#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

namespace hangar {

class Backend;

// A TCP listener inside a sandbox, as the backend noticed it.
struct OpenPort {
    quint16 port = 0;
    QString address; // the listening address as the backend reports it ("127.0.0.1", "::1", ...)
    int pid = 0;     // the listening process (as the backend sees it); 0 when not known

    bool operator==(const OpenPort&) const = default;
};

// A sandbox's public URL and who may open it (Sprites: url_settings).
struct UrlSettings {
    QString url;
    QString auth; // UrlAuth::Public or UrlAuth::Sprite

    bool operator==(const UrlSettings&) const = default;
};

namespace url_auth {
inline const QString Public = QStringLiteral("public"); // anyone with the URL
inline const QString Sprite = QStringLiteral("sprite"); // only with a Sprites token
} // namespace url_auth

// A port a person typed: a whole number from 1 to 65535, or 0 ("any free one") when allowZero.
// InvalidArgument with a sentence to show otherwise.
Result<quint16> parsePort(const QString& text, bool allowZero = false);
Status validatePort(int port, bool allowZero = false);
// "public" or "sprite"; InvalidArgument otherwise.
Status validateUrlAuth(const QString& auth);

// A local port (on the loopback interface only) forwarded to a port inside a sandbox; every
// accepted connection is carried to the sandbox's port (Backend::forwardPort). It starts on the
// next event-loop turn and emits listening() or failed(); afterwards it counts the connections
// and the bytes each way, and a connection that cannot reach the sandbox's port is reported with
// connectionFailed() while the forward goes on. stop() (or deleting it) closes everything.
class PortForward : public QObject {
    Q_OBJECT
public:
    enum class State { Starting, Listening, Stopped, Failed };
    Q_ENUM(State)

    PortForward(QString sandbox, quint16 remotePort, quint16 requestedLocalPort,
                QObject* parent = nullptr);

    // The provider-facing sandbox name.
    QString sandbox() const { return m_sandbox; }
    quint16 remotePort() const { return m_remotePort; }
    // The port asked for (0 = any free one) and the one listening (0 until listening()).
    quint16 requestedLocalPort() const { return m_requestedLocalPort; }
    quint16 localPort() const { return m_localPort; }
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Starting || m_state == State::Listening; }
    QDateTime startedAt() const { return m_startedAt; }
    int openConnections() const { return m_open; }
    int totalConnections() const { return m_total; }
    qint64 bytesToSandbox() const { return m_toSandbox; }
    qint64 bytesFromSandbox() const { return m_fromSandbox; }
    // Why it failed; else the last connection's failure, if any (else code Internal, empty).
    Error lastError() const { return m_error; }

    // Stops listening and closes every connection; stopped() follows at once. Nothing happens
    // when it has already stopped or failed.
    void stop();

    // A forward that fails on the next event-loop turn with `error` (bad input, no backend).
    static PortForward* failure(const QString& sandbox, int remotePort, const Error& error,
                                QObject* parent = nullptr);

signals:
    void listening(quint16 localPort);
    // It could not start, or stopped working; nothing is listening any more.
    void failed(const hangar::Error& error);
    void stopped();
    // One connection could not reach the sandbox's port (or broke); the forward goes on.
    void connectionFailed(const hangar::Error& error);
    // Connections or traffic changed.
    void statsChanged();

protected:
    // Called on the next event-loop turn after construction: listen, then setListening() or
    // setFailed().
    virtual void begin() = 0;
    // Stop listening and drop every connection (stop(), failure, destruction).
    virtual void end() = 0;

    void setListening(quint16 localPort);
    void setFailed(const Error& error);
    void addConnection();
    void removeConnection();
    void addTraffic(qint64 toSandbox, qint64 fromSandbox);
    void reportConnectionFailure(const Error& error);

private:
    QString m_sandbox;
    quint16 m_remotePort;
    quint16 m_requestedLocalPort;
    quint16 m_localPort = 0;
    State m_state = State::Starting;
    QDateTime m_startedAt;
    int m_open = 0;
    int m_total = 0;
    qint64 m_toSandbox = 0;
    qint64 m_fromSandbox = 0;
    Error m_error;
};

// Open-port notices for one sandbox while this handle lives (Backend::watchPorts). ready()
// comes once the ports already open are known (ports()); portOpened()/portClosed() follow for
// each change after that. A backend that cannot tell emits failed() instead (isSupported() is
// false and error() says why); failed() also ends a watch that broke.
class OpenPortWatch : public QObject {
    Q_OBJECT
public:
    ~OpenPortWatch() override;

    QString sandbox() const { return m_sandbox; }
    bool isReady() const { return m_ready; }
    bool isFailed() const { return m_failed; }
    Error error() const { return m_error; }
    QList<OpenPort> ports() const { return m_ports.values(); }

signals:
    void ready();
    void portOpened(const hangar::OpenPort& port);
    void portClosed(const hangar::OpenPort& port);
    void failed(const hangar::Error& error);

private:
    friend class Backend;
    OpenPortWatch(Backend* backend, QString sandbox);
    void onListed(const QString& name, const QList<hangar::OpenPort>& ports);
    void onOpened(const QString& name, const hangar::OpenPort& port);
    void onClosed(const QString& name, const hangar::OpenPort& port);
    void onFailed(const QString& name, const hangar::Error& error);

    QPointer<Backend> m_backend;
    QString m_sandbox;
    QMap<quint16, OpenPort> m_ports;
    bool m_ready = false;
    bool m_failed = false;
    Error m_error;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::OpenPort)
Q_DECLARE_METATYPE(hangar::UrlSettings)
