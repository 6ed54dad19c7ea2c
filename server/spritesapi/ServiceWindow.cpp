#include "ServiceWindow.h"

#include "ServiceEvents.h"
#include "backend/Backend.h"

#include <climits>

namespace hangar::spritesapi {

namespace {

constexpr int LateOutputMs = 200;  // output after an exit inside the window (§6.2)
constexpr int StopGraceMs = 5'000; // the backend escalates to KILL itself; wait this much more

} // namespace

ServiceWindow::ServiceWindow(Backend& backend, QString sprite, QString service, Kind kind,
                             SpritesReply reply, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_sprite(std::move(sprite))
    , m_service(std::move(service))
    , m_kind(kind)
    , m_reply(std::move(reply))
    , m_since(QDateTime::currentDateTime()) {
    m_reply.startStream();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_kind != Kind::Stop)
            return finish();
        finish({logEvent(QStringLiteral("error"), QStringLiteral("data"),
                         QStringLiteral("Warning: service may not have stopped"))});
    });
}

void ServiceWindow::begin(qint64 ms) {
    if (m_done)
        return;
    // The whole log, of which only what came after the request is this answer's.
    m_log = m_backend.followServiceLog(m_sprite, m_service, INT_MAX);
    m_log->setParent(this);
    connect(m_log, &ServiceLogStream::line, this, &ServiceWindow::onLine);
    connect(m_log, &ServiceLogStream::failed, this, &ServiceWindow::fail);
    const qint64 wait = m_kind == Kind::Stop ? ms + StopGraceMs : ms;
    if (wait > 0 || m_kind == Kind::Stop)
        m_deadline.start(int(qMin<qint64>(wait, INT_MAX)));
}

void ServiceWindow::fail(const Error& error) {
    if (m_done)
        return;
    if (m_kind == Kind::Stop)
        return finish(
            {logEvent(QStringLiteral("error"), QStringLiteral("data"), error.describe())});
    finish({logEvent(QStringLiteral("error"), QStringLiteral("data"),
                     QString(QStringLiteral("Failed to start service: ") + error.describe())),
            logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), 1)});
}

void ServiceWindow::onLine(const ServiceLogLine& line) {
    if (m_done || (line.at.isValid() && line.at < m_since))
        return;
    using Event = ServiceLogLine::Event;
    switch (line.event) {
    case Event::None:
        if (line.stream != ServiceLogLine::Stream::Event)
            stream(line);
        return;
    case Event::Started:
        if (m_kind == Kind::Stop)
            return;
        m_started = true;
        stream(line);
        if (!m_deadline.isActive() && !m_closing)
            finish(); // a window of 0: the start was all it was to report
        return;
    case Event::Stopped:
        stream(line);
        if (m_kind == Kind::Stop || m_started)
            finish();
        return;
    case Event::Exited:
        if (m_kind == Kind::Stop) { // it ended by itself while stopping: that is the stop
            ServiceLogLine stopped = line;
            stopped.event = Event::Stopped;
            stream(stopped);
            return finish();
        }
        stream(line);
        m_closing = true;
        m_deadline.stop();
        QTimer::singleShot(LateOutputMs, this, [this] { finish(); });
        return;
    case Event::StartFailed:
        stream(line);
        finish({logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), 1)});
        return;
    }
}

void ServiceWindow::stream(const ServiceLogLine& line) {
    for (const QJsonObject& event : wireEvents(line))
        m_reply.streamLine(event);
}

void ServiceWindow::finish(const QList<QJsonObject>& last) {
    if (std::exchange(m_done, true))
        return;
    for (const QJsonObject& event : last)
        m_reply.streamLine(event);
    m_reply.streamLine(completeEvent());
    m_reply.endStream();
    m_deadline.stop();
    if (m_log)
        m_log->cancel();
    deleteLater();
}

} // namespace hangar::spritesapi
