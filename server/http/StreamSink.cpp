#include "StreamSink.h"

namespace hangar::http {

StreamSink::StreamSink(QTcpSocket* socket, std::function<bool(const QByteArray&)> write,
                       std::function<qint64()> pending, QObject* parent)
    : QIODevice(parent)
    , m_socket(socket)
    , m_write(std::move(write))
    , m_pending(std::move(pending)) {
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    if (socket) {
        connect(socket, &QTcpSocket::bytesWritten, this, &StreamSink::bytesWritten);
        connect(socket, &QTcpSocket::disconnected, this,
                [this] { setErrorString(QStringLiteral("the client went away")); });
    }
}

qint64 StreamSink::bytesToWrite() const {
    return m_socket ? m_pending() : 0;
}

qint64 StreamSink::readData(char*, qint64) {
    return -1;
}

qint64 StreamSink::writeData(const char* data, qint64 size) {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        setErrorString(QStringLiteral("the client went away"));
        return -1;
    }
    if (!m_write(QByteArray(data, size))) {
        setErrorString(QStringLiteral("the client went away"));
        return -1;
    }
    return size;
}

} // namespace hangar::http
