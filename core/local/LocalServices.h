#pragma once

#include "backend/ServiceTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <deque>
#include <memory>

namespace hangar {
class LocalBackend;
}

namespace hangar::local {

class LocalExecSession;

// The local backend's service supervisor. Each service runs as one exec session of its sandbox
// (through the sandbox runner, like any command), with a state, the host pid, a restart count,
// the last error and a bounded log (the last LogLines lines, split by stream). A service that
// exits on its own with a non-zero code or by a signal is started again after a short,
// growing pause, up to MaxRestarts times; then it is failed. Definitions are kept in the
// sandbox's directory (services.json beside root/), so they survive a restart of Hangar, with
// whether the operator left each one started. suspend() (hibernation, restore, destroy) ends
// the sandbox's services; boot() (the sandbox comes back: wake, restore, Hangar starts) starts
// again those left started, as Sprites does when a sprite boots.
class LocalServices : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxRestarts = 5;
    static constexpr int LogLines = 2000;

    explicit LocalServices(LocalBackend& backend);
    ~LocalServices() override;

    Result<QList<ServiceInfo>> list(const QString& sandbox);
    // Defines (or redefines: the old one is stopped first) and starts the service.
    Task<void> create(const QString& sandbox, const ServiceSpec& spec);
    // Starts it and, first, what it needs.
    Status start(const QString& sandbox, const QString& service);
    // Finishes once it has exited.
    Task<void> stop(const QString& sandbox, const QString& service);
    // Stops it if it runs and starts it again, counting one restart.
    Task<void> restart(const QString& sandbox, const QString& service);
    Status signal(const QString& sandbox, const QString& service, const QString& signal);
    Task<void> remove(const QString& sandbox, const QString& service);
    ServiceLogStream* follow(const QString& sandbox, const QString& service, int historyLines);
    // The last `lines` lines of its log (all of them when lines < 0).
    Result<QList<ServiceLogLine>> history(const QString& sandbox, const QString& service,
                                          int lines);

    // The sandbox stops everything (hibernation, restore): its services end and stay stopped.
    void suspend(const QString& sandbox);
    // The sandbox runs again: the services the operator left started start (what they need
    // first). A service that cannot start says why in its log.
    void boot(const QString& sandbox);
    // The sandbox is gone: forget its services (their sessions end with it).
    void forget(const QString& sandbox);

signals:
    void logLine(const QString& sandbox, const QString& service,
                 const hangar::ServiceLogLine& line);
    void removed(const QString& sandbox, const QString& service);

private:
    struct Service {
        ServiceInfo info;
        QPointer<LocalExecSession> session;
        bool wanted = false;       // should be running (restarts while true)
        bool enabled = false;      // started by the operator, not stopped since (persisted)
        bool endingSignal = false; // the operator sent TERM, KILL, ...: an exit is a stop
        quint64 run = 0;           // which start the session and timers belong to
        std::deque<ServiceLogLine> log;
        QString pendingOut, pendingErr;
    };
    using ServiceMap = QMap<QString, std::shared_ptr<Service>>;

    // Loads the sandbox's definitions on first use; NotFound for a missing sandbox.
    Result<ServiceMap*> services(const QString& sandbox);
    Result<std::shared_ptr<Service>> find(const QString& sandbox, const QString& service);
    QString definitionsPath(const QString& sandbox) const;
    Status save(const QString& sandbox);
    // Records whether the operator left the service started; saves when that changed.
    Status setEnabled(const QString& sandbox, Service& service, bool enabled);
    Status launch(const QString& sandbox, const std::shared_ptr<Service>& service,
                  QStringList& starting);
    // exitCode: the run's code; none when it could not start (`why` says why).
    void onExited(const QString& sandbox, const std::shared_ptr<Service>& service, quint64 run,
                  std::optional<int> exitCode, const QString& why);
    void record(const QString& sandbox, Service& service, ServiceLogLine::Stream stream,
                const QString& text, ServiceLogLine::Event event = ServiceLogLine::Event::None,
                std::optional<int> exitCode = std::nullopt);
    void recordEvent(const QString& sandbox, Service& service, ServiceLogLine::Event event,
                     const QString& text, std::optional<int> exitCode = std::nullopt);
    void output(const QString& sandbox, Service& service, const QByteArray& data, bool err);
    Task<void> waitForExit(const std::shared_ptr<Service>& service);

    LocalBackend& m_backend;
    QHash<QString, ServiceMap> m_sandboxes;
};

} // namespace hangar::local
