#pragma once

#include <QObject>

class QSocketNotifier;

namespace hangar {

// Turns SIGTERM and SIGINT into a Qt signal (through a self-pipe), so shutdown runs on the
// event loop and finishes what it was writing.
class SignalHandler : public QObject {
    Q_OBJECT
public:
    explicit SignalHandler(QObject* parent = nullptr);
    ~SignalHandler() override;

signals:
    void terminationRequested(int signal);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace hangar
