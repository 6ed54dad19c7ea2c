#pragma once

#include "HttpReply.h"

#include <QObject>
#include <QTimer>

namespace hangar::http {

struct SseLimits {
    int heartbeatMs = 15'000;
    // A client that lets this much pile up unsent is too slow: it is disconnected rather
    // than allowed to hold memory (it reconnects and replays from Last-Event-ID).
    qint64 maxPendingBytes = 1024 * 1024;
};

// One server-sent-events response: headers, then events and comment heartbeats until the
// client goes away. Deletes itself when the connection ends.
class SseStream : public QObject {
    Q_OBJECT
public:
    SseStream(HttpReply reply, SseLimits limits = {}, QObject* parent = nullptr);

    // Sends the headers; false if the client is already gone (the stream then deletes itself).
    bool open();
    bool isOpen() const { return m_open; }

    // `id` empty: no id line. `data` may span lines.
    void send(const QByteArray& event, const QByteArray& data, const QByteArray& id = {});
    void comment(const QByteArray& text);
    void close();

signals:
    void closed();

private:
    void write(const QByteArray& bytes);

    HttpReply m_reply;
    SseLimits m_limits;
    QTimer m_heartbeat;
    bool m_open = false;
};

// `Last-Event-ID` (what EventSource sends on reconnect) or `?lastEventId=` as a number;
// 0 when absent or malformed.
qint64 lastEventId(const QHttpServerRequest& request);

} // namespace hangar::http
