#pragma once

#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace hangar::local {

// How to start one command: what QProcess gets.
struct LaunchSpec {
    QString program;
    QStringList arguments;
    QString hostCwd; // QProcess working directory (on the host)
    QProcessEnvironment environment;
    // bubblewrap: the session passes `--info-fd N` to learn the sandbox's pid 1.
    bool bubblewrap = false;
};

// Builds the bubblewrap command line for a sandbox command, or the plain (unisolated)
// fallback when bubblewrap cannot run here. Never a shell string: argv only.
class SandboxRunner {
public:
    SandboxRunner(QString workingDir, bool forceUnisolated);

    // Whether commands run isolated; probes bwrap once (a short `bwrap ... true`) and caches.
    bool isolated() const;
    // Why not, when isolated() is false.
    QString reason() const;

    // hostRoot: the sandbox's root directory; insideCwd/hostCwd: the resolved working dir.
    Result<LaunchSpec> build(const QString& name, const QString& hostRoot, const QString& insideCwd,
                             const QString& hostCwd, const ExecRequest& request,
                             bool denyNetwork) const;

    // The environment names a request may not set.
    static Status validateEnvironment(const QMap<QString, QString>& env);

private:
    void probe() const;
    QStringList baseArguments(const QString& hostname, bool denyNetwork, bool tty) const;

    QString m_workingDir;
    mutable QString m_bwrap;
    bool m_forceUnisolated = false;
    mutable std::optional<bool> m_isolated;
    mutable QString m_reason;
};

} // namespace hangar::local
