#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace hangar {

// --- services: long-running commands a backend supervises inside a sandbox ---------------

// What to run. `command` is the program and `args` its arguments, handed over as argv (never
// through a shell). `needs` names services that must run first; `httpPort` is the port the
// service answers HTTP on, if any (the provider may route the sandbox's URL to it).
struct ServiceSpec {
    QString name;
    QString command;
    QStringList args;
    QStringList needs;
    QMap<QString, QString> env;
    QString dir; // inside the sandbox; empty = the working directory
    std::optional<int> httpPort;

    // A clear sentence for a bad name, command, dependency, environment name or port.
    Status validate() const;
    // Against the services already `defined` (this one's old definition may be among them):
    // every need is defined, and no chain of needs leads back to this service.
    Status validateNeeds(const QList<ServiceSpec>& defined) const;
    bool operator==(const ServiceSpec&) const = default;
};

enum class ServiceStatus { Stopped, Starting, Running, Stopping, Failed };
// "stopped", "starting", "running", "stopping", "failed" (the Sprites API's words).
QString serviceStatusName(ServiceStatus status);
// Unknown words are Failed: a state we cannot read is not reported as healthy.
ServiceStatus serviceStatusFromName(const QString& name);

struct ServiceInfo {
    ServiceSpec spec;
    ServiceStatus status = ServiceStatus::Stopped;
    std::optional<qint64> pid;
    int restartCount = 0;
    QString error; // why it failed or last exited badly; empty otherwise
    QDateTime startedAt;
    QString name() const { return spec.name; }
};

// 1-63 characters a-z, 0-9 and '-', starting with a letter or digit (the same alphabet as
// sandbox names, so it is safe as a file name and in a URL); "signal" is reserved.
Status validateServiceName(const QString& name);
// The signals an operator may send: TERM, KILL, INT, HUP, QUIT, USR1, USR2 (with or without
// "SIG"). Answers the canonical name without "SIG", or an error.
Result<QString> normalizeServiceSignal(const QString& signal);
QStringList serviceSignalNames();

// One line of a service's log.
struct ServiceLogLine {
    enum class Stream { Stdout, Stderr, Event }; // Event: started, exited, stopped, ... in words
    // What an Event line reports, for readers that act on it rather than show it.
    enum class Event {
        None,        // output, or a remark (a signal sent)
        Started,     // a run began
        Exited,      // a run ended by itself (exitCode); a restart may follow
        Stopped,     // a run ended because it was asked to (exitCode)
        StartFailed, // the command could not be started (text: why)
    };
    ServiceLogLine() = default;
    ServiceLogLine(Stream from, QString line, QDateTime when, Event what = Event::None,
                   std::optional<int> code = std::nullopt)
        : stream(from)
        , text(std::move(line))
        , at(std::move(when))
        , event(what)
        , exitCode(code) {}

    Stream stream = Stream::Stdout;
    QString text;
    QDateTime at;
    Event event = Event::None;
    std::optional<int> exitCode; // Exited, Stopped
};

// A service's log: the recent history first, then new lines as they are written, until
// cancel(), the service's deletion, or the connection breaking. Exactly one of ended() or
// failed() closes it, always later than the call that made the stream; the stream deletes
// itself afterwards (holders keep a QPointer).
class ServiceLogStream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    bool isClosed() const { return m_closed; }
    // Stops following; ended() follows (once). A no-op once closed.
    void cancel();

    // A stream that fails at once (on the next event-loop turn) with `error`.
    static ServiceLogStream* failure(const Error& error, QObject* parent = nullptr);

signals:
    void line(const hangar::ServiceLogLine& line);
    void ended();
    void failed(const hangar::Error& error);

protected:
    // For implementations: hands out a line (ignored once closed).
    void deliver(const ServiceLogLine& line);
    // Ends the stream: ended() or failed(), then deletion. Only the first call counts.
    void close(const std::optional<Error>& error = std::nullopt);
    // What the implementation stops on cancel() (the default: nothing more).
    virtual void onCancel() {}

private:
    bool m_closed = false;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::ServiceSpec)
Q_DECLARE_METATYPE(hangar::ServiceInfo)
Q_DECLARE_METATYPE(hangar::ServiceLogLine)
