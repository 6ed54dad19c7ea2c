#include "FeedDevice.h"

#include <cstring>

namespace hangar {

FeedDevice::FeedDevice(QObject* parent)
    : QIODevice(parent) {
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void FeedDevice::feed(const QByteArray& data) {
    if (m_finished || data.isEmpty())
        return;
    m_buffer.append(data);
    emit readyRead();
}

void FeedDevice::finish() {
    if (m_finished)
        return;
    m_finished = true;
    emit readChannelFinished();
}

qint64 FeedDevice::bytesAvailable() const {
    return m_buffer.size() + QIODevice::bytesAvailable();
}

bool FeedDevice::atEnd() const {
    return m_finished && m_buffer.isEmpty();
}

qint64 FeedDevice::readData(char* data, qint64 maxSize) {
    if (m_buffer.isEmpty())
        return m_finished ? -1 : 0;
    const qint64 n = std::min<qint64>(maxSize, m_buffer.size());
    std::memcpy(data, m_buffer.constData(), size_t(n));
    m_buffer.remove(0, n);
    emit drained();
    return n;
}

qint64 FeedDevice::writeData(const char*, qint64) {
    return -1; // fed through feed(), not written
}

} // namespace hangar
