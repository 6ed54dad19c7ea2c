#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

namespace hangar {

class LifecycleService;

// Whether each backend's provider can be reached right now (Backend::checkConnection), asked
// at start and then periodically, for the console's status bar. An unreachable Sprites API or
// a rejected token shows up here by name, instead of as a sandbox that merely looks idle.
class BackendMonitor : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 30'000;

    struct Health {
        enum class Status { Unknown, Reachable, Unreachable };
        QString kind;
        Status status = Status::Unknown;
        QString message; // the provider's error when unreachable
        QDateTime checkedAt;
    };

    explicit BackendMonitor(LifecycleService& lifecycle, int intervalMs = kDefaultIntervalMs,
                            QObject* parent = nullptr);

    // Checks every backend now and then every interval.
    void start();
    void checkNow();
    // One entry per backend kind the engine has, in the engine's order.
    QList<Health> health() const;

signals:
    void healthChanged(const QString& kind);

private:
    void record(const QString& kind, Health::Status status, const QString& message);

    LifecycleService& m_lifecycle;
    QTimer m_timer;
    QList<Health> m_health;
};

} // namespace hangar
