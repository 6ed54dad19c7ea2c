#pragma once

// A minimal EventSource for tests: parses a text/event-stream response as it arrives.

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>

namespace hangar::test {

struct SseEvent {
    QByteArray id;
    QByteArray event;
    QByteArray data;
};

class SseClient : public QObject {
    Q_OBJECT
public:
    SseClient(QNetworkAccessManager& net, QNetworkRequest request,
              const QByteArray& lastEventId = {}) {
        if (!lastEventId.isEmpty())
            request.setRawHeader("Last-Event-ID", lastEventId);
        m_reply = net.get(request);
        connect(m_reply, &QNetworkReply::readyRead, this, &SseClient::onReadyRead);
    }

    ~SseClient() override {
        if (m_reply) {
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    QNetworkReply* reply() const { return m_reply; }
    const QList<SseEvent>& events() const { return m_events; }
    int comments() const { return m_comments; }
    QList<QByteArray> eventsOf(const QByteArray& type) const {
        QList<QByteArray> out;
        for (const SseEvent& e : m_events) {
            if (e.event == type)
                out << e.data;
        }
        return out;
    }

private:
    void onReadyRead() {
        m_buffer += m_reply->readAll();
        qsizetype end;
        while ((end = m_buffer.indexOf("\n\n")) >= 0) {
            const QByteArray block = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            SseEvent e;
            bool hasData = false;
            for (const QByteArray& line : block.split('\n')) {
                if (line.startsWith(':')) {
                    ++m_comments;
                } else if (line.startsWith("id: ")) {
                    e.id = line.mid(4);
                } else if (line.startsWith("event: ")) {
                    e.event = line.mid(7);
                } else if (line.startsWith("data: ")) {
                    e.data += (hasData ? "\n" : "") + line.mid(6);
                    hasData = true;
                }
            }
            if (hasData)
                m_events << e;
        }
    }

    QNetworkReply* m_reply = nullptr;
    QByteArray m_buffer;
    QList<SseEvent> m_events;
    int m_comments = 0;
};

} // namespace hangar::test
