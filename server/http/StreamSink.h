#pragma once

#include <QIODevice>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace hangar::http {

// A write-only QIODevice over a streamed HTTP response, so a FileTransfer can download
// straight into a reply. bytesToWrite() is what the client has not taken yet, and
// bytesWritten() fires as it takes it: a transfer pauses while the client is behind instead
// of piling the file up in memory.
class StreamSink : public QIODevice {
    Q_OBJECT
public:
    // `write` sends one piece of the body (false once the client is gone); `pending` says how
    // many written bytes the client has not received yet.
    StreamSink(QTcpSocket* socket, std::function<bool(const QByteArray&)> write,
               std::function<qint64()> pending, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesToWrite() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    QPointer<QTcpSocket> m_socket;
    std::function<bool(const QByteArray&)> m_write;
    std::function<qint64()> m_pending;
};

} // namespace hangar::http
