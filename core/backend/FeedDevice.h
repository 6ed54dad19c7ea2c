#pragma once

#include <QByteArray>
#include <QIODevice>

namespace hangar {

// A sequential QIODevice that someone fills piece by piece and then finishes: the source of an
// upload whose bytes arrive over time (the console API's ranged PUTs). Reading takes what has
// arrived; atEnd() only once finish() was called and everything was read.
class FeedDevice : public QIODevice {
    Q_OBJECT
public:
    explicit FeedDevice(QObject* parent = nullptr);

    void feed(const QByteArray& data);
    // No more data will come: readers see the end once they have read the rest.
    void finish();
    bool isFinished() const { return m_finished; }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;

signals:
    // Some of what was fed has been read (the writer may feed more).
    void drained();

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    QByteArray m_buffer;
    bool m_finished = false;
};

} // namespace hangar
