#include "SpritesBackendSession.h"

#include "SpritesClient.h"

namespace hangar::sprites {

SpritesBackendSession::SpritesBackendSession(const QString& sprite, SpritesExecSession* inner,
                                             qint64 timeoutMs, SpritesClient* client,
                                             QObject* parent)
    : ExecSession(parent)
    , m_sprite(sprite)
    , m_inner(inner)
    , m_client(client) {
    inner->setParent(this);
    connect(inner, &ExecSession::started, this, &SpritesBackendSession::onStarted);
    connect(inner, &ExecSession::output, this, &ExecSession::output);
    connect(inner, &ExecSession::exited, this, [this](int code, bool) { onExited(code); });
    connect(inner, &ExecSession::failed, this, &SpritesBackendSession::onFailed);
    if (timeoutMs > 0) {
        m_timeout.setSingleShot(true);
        m_timeout.setInterval(static_cast<int>(std::min<qint64>(timeoutMs, INT_MAX)));
        connect(&m_timeout, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            terminate();
        });
        m_timeout.start();
    }
}

SpritesBackendSession::SpritesBackendSession(const QString& sprite, const Error& error,
                                             QObject* parent)
    : ExecSession(parent)
    , m_sprite(sprite) {
    m_done = true;
    QMetaObject::invokeMethod(
        this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
}

SessionInfo SpritesBackendSession::info() const {
    SessionInfo info = m_inner ? m_inner->info() : SessionInfo{};
    info.running = m_started && !m_done;
    return info;
}

QByteArray SpritesBackendSession::scrollback() const {
    return m_inner ? m_inner->scrollback() : QByteArray();
}

void SpritesBackendSession::write(const QByteArray& data) {
    if (m_inner && !m_done)
        m_inner->write(data);
}

void SpritesBackendSession::closeStdin() {
    if (m_inner && !m_done)
        m_inner->closeStdin();
}

void SpritesBackendSession::resize(int cols, int rows) {
    if (m_inner && !m_done)
        m_inner->resize(cols, rows);
}

void SpritesBackendSession::terminate() {
    if (!m_inner || m_done)
        return;
    if (!m_started) {
        m_terminateOnStart = true; // the signal needs an open socket
        return;
    }
    m_inner->terminate();
}

void SpritesBackendSession::onStarted() {
    m_started = true;
    emit started();
    if (m_terminateOnStart)
        m_inner->terminate();
}

void SpritesBackendSession::onExited(int code) {
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    emit exited(code, m_timedOut);
}

void SpritesBackendSession::onFailed(const Error& error) {
    if (m_done)
        return;
    m_timeout.stop();
    if (m_started || !m_client)
        return finishFailed(error);
    // Never started: a missing sprite is refused at the handshake, which reports no status.
    m_client->getSprite(m_sprite).then(this, [this, error](Result<SpriteInfo> sprite) {
        if (!sprite && sprite.error().code == ErrorCode::NotFound)
            return finishFailed(
                makeError(ErrorCode::NotFound,
                          QStringLiteral("sandbox '%1' does not exist on Sprites").arg(m_sprite)));
        finishFailed(error);
    });
}

void SpritesBackendSession::finishFailed(const Error& error) {
    if (m_done)
        return;
    m_done = true;
    emit failed(error);
}

} // namespace hangar::sprites
