#include "ExecBridge.h"

#include "SpritesReply.h"
#include "local/ListenerScan.h"
#include "local/LocalExecSession.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace hangar::spritesapi {

namespace {

constexpr char StdinId = 0x00;
constexpr char StdoutId = 0x01;
constexpr char StderrId = 0x02;
constexpr char ExitId = 0x03;
constexpr char StdinEofId = 0x04;
// How often a running command's listeners are looked for; the first look is after this too,
// so a short command costs no scan at all.
constexpr int PortPollMs = 1000;
// Output waits in the command's pipe while this much is queued for a slow client.
constexpr qint64 PauseAboveBytes = 4 * 1024 * 1024;
constexpr qint64 ResumeBelowBytes = 1024 * 1024;

QString text(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// sprites-api.md §3.3: codes outside 0-255 (death by signal) go out as 255.
int wireExitCode(int code) {
    return code < 0 || code > 255 ? 255 : code;
}

} // namespace

ExecBridge::ExecBridge(std::unique_ptr<QWebSocket> socket, Options options, QObject* parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_options(options) {
    m_socket->setParent(nullptr);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& m) {
        if (m_session)
            onBinary(m);
        else
            m_early.append({true, m});
    });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString& m) {
        if (m_session)
            onText(m);
        else
            m_early.append({false, m.toUtf8()});
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &ExecBridge::onDisconnected);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this] {
        if (m_pausedOutput && m_socket->bytesToWrite() < ResumeBelowBytes)
            resumeOutput();
    });
}

ExecBridge::~ExecBridge() {
    resumeOutput();
}

void ExecBridge::resumeOutput() {
    if (!std::exchange(m_pausedOutput, false))
        return;
    if (m_session)
        m_session->setOutputPaused(false);
}

void ExecBridge::bind(ExecSession* session, bool replay) {
    m_session = session;
    connect(session, &ExecSession::output, this, &ExecBridge::onOutput);
    connect(session, &ExecSession::exited, this, [this](int code, bool) { onExited(code); });
    connect(session, &ExecSession::failed, this, &ExecBridge::fail);
    // A new command has a process once it started; an attached one has it already.
    connect(session, &ExecSession::started, this, &ExecBridge::watchPorts);
    watchPorts();
    sendSessionInfo();
    if (replay && !session->scrollback().isEmpty())
        onOutput(session->scrollback(), ExecSession::Stream::Stdout);
    if (!m_options.tty && !m_options.stdinEnabled)
        session->closeStdin();
    const auto early = std::exchange(m_early, {});
    for (const auto& [binary, message] : early) {
        if (binary)
            onBinary(message);
        else
            onText(QString::fromUtf8(message));
    }
}

void ExecBridge::sendSessionInfo() {
    const SessionInfo info = m_session->info();
    QJsonObject message{
        {QStringLiteral("type"), QStringLiteral("session_info")},
        {QStringLiteral("session_id"), info.id},
        {QStringLiteral("command"), info.command.join(QLatin1Char(' '))},
        {QStringLiteral("created"),
         (info.startedAt.isValid() ? info.startedAt : QDateTime::currentDateTimeUtc())
             .toSecsSinceEpoch()},
        {QStringLiteral("is_owner"), m_options.owner},
        {QStringLiteral("tty"), info.tty}};
    m_socket->sendTextMessage(text(message));
}

void ExecBridge::watchPorts() {
    // Only a local command has a process here to look at.
    const auto* local = qobject_cast<local::LocalExecSession*>(m_session.data());
    const std::optional<qint64> pid = local ? local->pid() : std::nullopt;
    if (!pid || m_portPoller)
        return;
    auto* poller = new local::ListenerPoller([root = *pid] { return local::scanListenersOf(root); },
                                             PortPollMs, false, this);
    connect(poller, &local::ListenerPoller::scanned, this, &ExecBridge::onPorts);
    m_portPoller = poller;
}

void ExecBridge::onPorts(const QList<OpenPort>& ports) {
    if (m_finished || !m_session || !m_session->isRunning())
        return;
    QMap<quint16, OpenPort> now;
    for (const OpenPort& port : ports)
        now.insert(port.port, port);
    auto send = [this](const char* type, const OpenPort& port) {
        m_socket->sendTextMessage(text({{QStringLiteral("type"), QLatin1String(type)},
                                        {QStringLiteral("port"), port.port},
                                        {QStringLiteral("address"), port.address},
                                        {QStringLiteral("pid"), port.pid}}));
    };
    for (const OpenPort& port : std::as_const(m_ports)) {
        if (!now.contains(port.port))
            send("port_closed", port);
    }
    for (const OpenPort& port : std::as_const(now)) {
        if (!m_ports.contains(port.port))
            send("port_opened", port);
    }
    m_ports = now;
}

void ExecBridge::forward(const QByteArray& frame) {
    m_socket->sendBinaryMessage(frame);
    m_forwarded += frame.size();
    // A client that reads slower than the command writes: the command waits, not our memory.
    if (!m_pausedOutput && m_session && m_socket->bytesToWrite() > PauseAboveBytes) {
        m_pausedOutput = true;
        m_session->setOutputPaused(true);
    }
    if (m_options.dropAfterOutputBytes >= 0 && m_forwarded >= m_options.dropAfterOutputBytes) {
        // Injected fault: the connection dies without a close frame and without the exit.
        m_finished = true;
        m_socket->flush();
        m_socket->abort();
    }
}

void ExecBridge::onOutput(const QByteArray& data, ExecSession::Stream stream) {
    if (m_finished || data.isEmpty())
        return;
    if (m_options.tty) {
        forward(data);
        return;
    }
    QByteArray frame;
    frame.reserve(data.size() + 1);
    frame.append(stream == ExecSession::Stream::Stderr ? StderrId : StdoutId);
    frame.append(data);
    forward(frame);
}

void ExecBridge::onExited(int exitCode) {
    if (m_finished)
        return;
    m_finished = true;
    delete std::exchange(m_portPoller, nullptr);
    const int code = wireExitCode(exitCode);
    if (m_options.tty) {
        m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("exit")},
                                        {QStringLiteral("exit_code"), code}}));
    } else {
        QByteArray frame(2, Qt::Uninitialized);
        frame[0] = ExitId;
        frame[1] = static_cast<char>(code);
        m_socket->sendBinaryMessage(frame);
    }
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
}

void ExecBridge::fail(const Error& error) {
    if (m_finished)
        return;
    m_finished = true;
    // `code`: the POSIX-style code of the filesystem API (an emulator extension; SDKs read
    // only `message`).
    m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("error")},
                                    {QStringLiteral("message"), error.describe()},
                                    {QStringLiteral("code"), SpritesReply::fsCode(error.code)}}));
    // A close reason is at most 123 bytes.
    // 1011, never 1006: that code must not be sent in a close frame (RFC 6455 §7.4.1), and a
    // client that receives it reports a protocol error instead of the closed exec.
    m_socket->close(QWebSocketProtocol::CloseCodeBadOperation,
                    QString::fromUtf8(error.describe().toUtf8().left(120)));
}

void ExecBridge::onBinary(const QByteArray& message) {
    if (!m_session || !m_options.stdinEnabled || message.isEmpty())
        return;
    if (m_options.tty) {
        m_session->write(message);
        return;
    }
    if (message.at(0) == StdinId)
        m_session->write(message.mid(1));
    else if (message.at(0) == StdinEofId)
        m_session->closeStdin();
}

void ExecBridge::onText(const QString& message) {
    if (!m_session)
        return;
    const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = object.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("resize") && m_options.tty) {
        const int cols = object.value(QStringLiteral("cols")).toInt(0);
        const int rows = object.value(QStringLiteral("rows")).toInt(0);
        if (cols > 0 && rows > 0 && cols <= 65535 && rows <= 65535)
            m_session->resize(cols, rows);
    } else if (type == QLatin1String("signal")) {
        // The signal as asked (a local command gets it; a backend that can only end a command
        // ends it for TERM, KILL, INT, HUP and QUIT).
        m_session->sendSignal(object.value(QStringLiteral("signal")).toString());
    }
}

void ExecBridge::onDisconnected() {
    resumeOutput(); // whoever else reads the session (or nobody) must not wait for us
    if (m_session && m_session->isRunning() && m_options.owner &&
        m_options.runAfterDisconnectMs > 0) {
        QPointer<ExecSession> session = m_session;
        QTimer::singleShot(m_options.runAfterDisconnectMs, session.data(), [session] {
            if (session && session->isRunning())
                session->terminate();
        });
    }
    deleteLater();
}

} // namespace hangar::spritesapi
