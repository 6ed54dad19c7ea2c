#include "SpritesExecSession.h"

#include <QJsonDocument>

namespace hangar::sprites {

namespace {

constexpr char StdinId = 0x00;
constexpr char StdoutId = 0x01;
constexpr char StderrId = 0x02;
constexpr char ExitId = 0x03;
constexpr char StdinEofId = 0x04;
constexpr qsizetype StdinChunk = 32 * 1024;
constexpr qsizetype ScrollbackBytes = 64 * 1024;
constexpr int AttachInfoTimeoutMs = 10'000;
// What terminate() gives the command between TERM and KILL (an interactive shell ignores TERM).
constexpr int TerminateGraceMs = 3'000;

QString json(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

SpritesExecSession::SpritesExecSession(QNetworkRequest request, const ExecOptions& options,
                                       bool attach, const ClientOptions& client, QObject* parent)
    : ExecSession(parent)
    , m_request(std::move(request))
    , m_options(options)
    , m_attach(attach)
    , m_maxMessageBytes(client.maxMessageBytes)
    , m_deadMs(client.deadConnectionMs)
    // An attach frames as TTY until session_info says otherwise (like the JS SDK).
    , m_ttyMode(attach || options.tty)
    , m_command(options.argv) {
    m_socket.setParent(this);
    m_socket.setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_maxMessageBytes));
    m_pingTimer.setInterval(client.keepaliveMs);
    m_deadTimer.setSingleShot(true);
    m_deadTimer.setInterval(client.deadConnectionMs);
    m_infoTimer.setSingleShot(true);
    m_infoTimer.setInterval(AttachInfoTimeoutMs);
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(TerminateGraceMs);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { sendSignal(QStringLiteral("KILL")); });
    connect(&m_pingTimer, &QTimer::timeout, this, [this] { m_socket.ping(); });
    connect(&m_deadTimer, &QTimer::timeout, this, [this] {
        fail(ErrorCode::Timeout,
             QStringLiteral("no data or pong from the server for %1 ms; the connection is dead")
                 .arg(m_deadMs));
    });
    connect(&m_infoTimer, &QTimer::timeout, this, [this] {
        fail(ErrorCode::Timeout,
             QStringLiteral("the server sent no session_info within %1 ms of attaching")
                 .arg(AttachInfoTimeoutMs));
    });
    connect(&m_socket, &QWebSocket::connected, this, &SpritesExecSession::onConnected);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &SpritesExecSession::onBinary);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &SpritesExecSession::onText);
    connect(&m_socket, &QWebSocket::pong, this, [this] { onFrame(); });
    connect(&m_socket, &QWebSocket::disconnected, this, &SpritesExecSession::onDisconnected);
    // Qt 6.4 has no errorOccurred on QWebSocket.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &SpritesExecSession::onSocketError);
    QMetaObject::invokeMethod(this, &SpritesExecSession::open, Qt::QueuedConnection);
}

SpritesExecSession::~SpritesExecSession() {
    m_done = true;
    m_socket.disconnect(this);
    m_socket.abort();
}

QString SpritesExecSession::describe() const {
    return m_command.isEmpty() ? QStringLiteral("session %1").arg(m_sessionId)
                               : m_command.join(QLatin1Char(' '));
}

void SpritesExecSession::failBeforeOpen(const Error& error) {
    m_done = true;
    QMetaObject::invokeMethod(
        this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
}

void SpritesExecSession::open() {
    if (m_done)
        return;
    m_deadTimer.start(); // also bounds the handshake
    m_socket.open(m_request);
}

SessionInfo SpritesExecSession::info() const {
    SessionInfo info;
    info.id = m_sessionId;
    info.command = m_command;
    info.tty = m_ttyMode;
    info.running = m_connected && !m_done;
    info.startedAt = m_startedAt;
    info.lastActivityAt = m_lastActivityAt;
    info.exitCode = m_exitCode;
    return info;
}

void SpritesExecSession::onConnected() {
    m_connected = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    onFrame();
    m_pingTimer.start();
    for (const QByteArray& frame : std::exchange(m_pendingFrames, {}))
        m_socket.sendBinaryMessage(frame);
    if (m_attach)
        m_infoTimer.start();
    else
        emit started();
}

void SpritesExecSession::onFrame() {
    if (!m_done)
        m_deadTimer.start();
}

void SpritesExecSession::deliver(const QByteArray& data, Stream stream) {
    m_lastActivityAt = QDateTime::currentDateTimeUtc();
    m_scrollback.append(data);
    if (m_scrollback.size() > ScrollbackBytes)
        m_scrollback.remove(0, m_scrollback.size() - ScrollbackBytes);
    emit output(data, stream);
}

void SpritesExecSession::onBinary(const QByteArray& message) {
    if (m_done)
        return;
    onFrame();
    if (m_ttyMode) {
        if (!message.isEmpty())
            deliver(message, Stream::Stdout);
        return;
    }
    if (message.isEmpty())
        return fail(ErrorCode::Io, QStringLiteral("the server sent an empty exec frame"));
    switch (message.at(0)) {
    case StdoutId:
        deliver(message.mid(1), Stream::Stdout);
        return;
    case StderrId:
        deliver(message.mid(1), Stream::Stderr);
        return;
    case ExitId:
        // An empty exit payload reads as 0, as in both SDKs (§13 item 35).
        finishExit(message.size() > 1 ? static_cast<unsigned char>(message.at(1)) : 0);
        return;
    default:
        fail(ErrorCode::Io,
             QStringLiteral("the server sent an exec frame with unknown stream "
                            "id 0x%1")
                 .arg(static_cast<unsigned char>(message.at(0)), 2, 16, QLatin1Char('0')));
    }
}

void SpritesExecSession::onText(const QString& message) {
    if (m_done)
        return;
    onFrame();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::Io,
                    QStringLiteral("the server sent a malformed JSON message on the exec socket "
                                   "(%1)")
                        .arg(parseError.errorString()));
    const QJsonObject object = doc.object();
    const QString type = object.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("session_info")) {
        const QJsonValue id = object.value(QStringLiteral("session_id"));
        m_sessionId = id.isString() ? id.toString() : QString::number(id.toInteger());
        if (m_command.isEmpty())
            m_command = object.value(QStringLiteral("command")).toString().split(QLatin1Char(' '));
        m_ttyMode = object.value(QStringLiteral("tty")).toBool(m_ttyMode);
        if (m_attach && !m_infoSeen) {
            m_infoTimer.stop();
            m_infoSeen = true;
            emit started();
        }
        m_infoSeen = true;
    } else if (type == QLatin1String("exit")) {
        const QJsonValue code = object.value(QStringLiteral("exit_code"));
        if (!code.isDouble())
            return fail(ErrorCode::Io, QStringLiteral("the server sent an exit message without "
                                                      "an exit_code"));
        finishExit(code.toInt());
    } else if (type == QLatin1String("error")) {
        // An optional POSIX `code` (the emulator sends one, e.g. EACCES for a bad dir).
        const ErrorCode code = errorCodeFromPosix(object.value(QStringLiteral("code")).toString());
        fail(code == ErrorCode::Internal ? ErrorCode::Unavailable : code,
             QStringLiteral("the server reported: %1")
                 .arg(object.value(QStringLiteral("message")).toString()));
    } else if (type == QLatin1String("port_opened") || type == QLatin1String("port_closed")) {
        emit portChanged(PortEvent::fromJson(object));
    } else {
        emit serverMessage(object); // keepalive, future types
    }
}

void SpritesExecSession::finishExit(int code) {
    if (m_done)
        return;
    if (m_attach && !m_infoSeen) {
        m_infoTimer.stop();
        emit started();
    }
    m_done = true;
    m_exitCode = code;
    m_pingTimer.stop();
    m_deadTimer.stop();
    m_killTimer.stop();
    m_socket.close(QWebSocketProtocol::CloseCodeNormal);
    emit exited(code, false);
}

void SpritesExecSession::fail(ErrorCode code, const QString& message) {
    if (m_done)
        return;
    m_done = true;
    m_pingTimer.stop();
    m_deadTimer.stop();
    m_infoTimer.stop();
    m_killTimer.stop();
    m_socket.abort();
    emit failed(makeError(code, QStringLiteral("exec %1: %2").arg(describe(), message)));
}

void SpritesExecSession::onDisconnected() {
    if (m_done)
        return;
    const int closeCode = m_socket.closeCode();
    const QString reason = m_socket.closeReason();
    QString why = m_connected
                      ? QStringLiteral("the connection closed before the command's exit was "
                                       "reported")
                      : QStringLiteral("could not open the exec socket");
    if (m_socket.error() != QAbstractSocket::UnknownSocketError)
        why += QStringLiteral(" (%1)").arg(m_socket.errorString());
    else if (closeCode != QWebSocketProtocol::CloseCodeNormal || !reason.isEmpty())
        why += QStringLiteral(" (close code %1%2)")
                   .arg(closeCode)
                   .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    fail(ErrorCode::Unavailable, why);
}

void SpritesExecSession::onSocketError() {
    if (m_done)
        return;
    // A refused handshake or a dropped connection; disconnected() may not follow.
    QMetaObject::invokeMethod(this, &SpritesExecSession::onDisconnected, Qt::QueuedConnection);
}

void SpritesExecSession::sendRaw(const QByteArray& frame) {
    if (m_done)
        return;
    if (!m_connected) {
        m_pendingFrames.append(frame);
        return;
    }
    m_socket.sendBinaryMessage(frame);
}

void SpritesExecSession::write(const QByteArray& data) {
    if (m_ttyMode) {
        for (qsizetype i = 0; i < data.size(); i += StdinChunk)
            sendRaw(data.mid(i, StdinChunk));
        return;
    }
    for (qsizetype i = 0; i < data.size(); i += StdinChunk)
        sendRaw(QByteArray(1, StdinId) + data.mid(i, StdinChunk));
}

void SpritesExecSession::closeStdin() {
    if (!m_ttyMode)
        sendRaw(QByteArray(1, StdinEofId));
}

void SpritesExecSession::resize(int cols, int rows) {
    if (m_done || !m_connected || !m_ttyMode)
        return;
    m_socket.sendTextMessage(json({{QStringLiteral("type"), QStringLiteral("resize")},
                                   {QStringLiteral("cols"), cols},
                                   {QStringLiteral("rows"), rows}}));
}

void SpritesExecSession::sendSignal(const QString& name) {
    if (m_done || !m_connected)
        return;
    m_socket.sendTextMessage(json(
        {{QStringLiteral("type"), QStringLiteral("signal")}, {QStringLiteral("signal"), name}}));
}

void SpritesExecSession::terminate() {
    if (m_done || !m_connected || m_killTimer.isActive())
        return;
    sendSignal(QStringLiteral("TERM"));
    m_killTimer.start();
}

} // namespace hangar::sprites
