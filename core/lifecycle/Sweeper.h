#pragma once

#include <QObject>
#include <QTimer>

namespace hangar {

class LifecycleService;

// Auto-hibernation: every sweep interval, hibernates active sandboxes idle for longer than
// the inactivity timeout. Time comes from the service's clock, so tests drive it directly.
class Sweeper : public QObject {
    Q_OBJECT
public:
    Sweeper(LifecycleService& service, QObject* parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // One pass; returns how many sandboxes it started hibernating. With a shared store it also
    // finishes operations a crashed instance left half-done once their claim lapsed.
    int sweepNow();
    // Sandboxes one shared pass claims at most; the next pass takes the rest.
    static constexpr int kBatch = 500;

signals:
    void swept(int hibernating);

private:
    int sweepShared();

    LifecycleService& m_service;
    QTimer m_timer;
};

} // namespace hangar
