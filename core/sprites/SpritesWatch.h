#pragma once

#include "SpritesError.h"
#include "SpritesNdjson.h"
#include "SpritesTypes.h"
#include "util/Error.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QWebSocket>

class QNetworkReply;

namespace hangar::sprites {

// The sprite watch (sprites-api.md §14.2.3): GET /v1/sprites as NDJSON, read as it arrives.
// Emits event() per line until the server ends the body (finished()), the connection breaks or
// a line is malformed (failed()), or close() is called (then nothing more is emitted).
class SpriteWatch : public QObject {
    Q_OBJECT
public:
    // Takes ownership of `reply`.
    SpriteWatch(QNetworkReply* reply, QObject* parent);
    ~SpriteWatch() override;

    void close();

signals:
    void event(const hangar::sprites::SpriteWatchEvent& event);
    void failed(const hangar::Error& error);
    void finished();

private:
    void onReadyRead();
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    NdjsonReader m_reader;
    bool m_done = false;
};

// A watch over a WebSocket that carries JSON text messages (ports/watch §14.3.4, fs/watch
// §14.7). The socket opens on the next event-loop turn; `subscribe`, when not empty, is sent as
// the first text message. Binary and malformed messages are ignored, as both SDKs do.
class SocketWatch : public QObject {
    Q_OBJECT
public:
    SocketWatch(QNetworkRequest request, QJsonObject subscribe, QObject* parent);
    ~SocketWatch() override;

    bool isOpen() const { return m_open; }
    void close();

signals:
    void opened();
    void message(const QJsonObject& message);
    // The handshake failed or the connection broke (not after close()).
    void failed(const hangar::Error& error);
    // The server closed the watch.
    void closed();

private:
    void onText(const QString& text);

    QNetworkRequest m_request;
    QJsonObject m_subscribe;
    QWebSocket m_socket;
    bool m_open = false;
    bool m_done = false;
};

// ports/watch, typed: the snapshot first, then openings and closings.
class PortWatch : public SocketWatch {
    Q_OBJECT
public:
    PortWatch(QNetworkRequest request, QObject* parent);
signals:
    void portList(const QList<hangar::sprites::PortEvent>& ports);
    void portChanged(const hangar::sprites::PortEvent& event);
};

// fs/watch, typed: subscribed, then change events; error messages keep the socket open.
class FileWatch : public SocketWatch {
    Q_OBJECT
public:
    FileWatch(QNetworkRequest request, const QStringList& paths, bool recursive,
              const QString& workingDir, QObject* parent);
signals:
    void subscribed(const QStringList& paths);
    void changed(const hangar::sprites::FsWatchEvent& event);
    void watchError(const QString& message);
};

} // namespace hangar::sprites
