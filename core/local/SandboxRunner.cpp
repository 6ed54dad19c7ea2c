#include "SandboxRunner.h"

#include <QProcess>
#include <QStandardPaths>

namespace hangar::local {

namespace {

const QString DefaultPath =
    QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

// Never /etc as a whole: a sandbox running as the host's root maps to root and could read
// /etc/shadow. Only what programs need to work.
const char* const EtcFiles[] = {
    "passwd",       "group",           "hosts",
    "resolv.conf",  "nsswitch.conf",   "host.conf",
    "gai.conf",     "protocols",       "services",
    "ssl",          "ca-certificates", "ca-certificates.conf",
    "alternatives", "ld.so.cache",     "ld.so.conf",
    "ld.so.conf.d", "localtime",       "timezone",
    "profile",      "profile.d",       "bash.bashrc",
    "inputrc",      "terminfo",        "mime.types",
    "os-release",   "debian_version",  "skel",
};

} // namespace

SandboxRunner::SandboxRunner(QString workingDir, bool forceUnisolated)
    : m_workingDir(std::move(workingDir))
    , m_forceUnisolated(forceUnisolated) {
}

QStringList SandboxRunner::baseArguments(const QString& hostname, bool denyNetwork,
                                         bool tty) const {
    QStringList args{QStringLiteral("--unshare-user"),
                     QStringLiteral("--uid"),
                     QStringLiteral("1000"),
                     QStringLiteral("--gid"),
                     QStringLiteral("1000"),
                     QStringLiteral("--cap-drop"),
                     QStringLiteral("ALL"),
                     QStringLiteral("--unshare-pid"),
                     QStringLiteral("--unshare-ipc"),
                     QStringLiteral("--unshare-uts"),
                     QStringLiteral("--hostname"),
                     hostname};
    if (denyNetwork)
        args << QStringLiteral("--unshare-net");
    // Killing bwrap takes the whole pid namespace with it.
    args << QStringLiteral("--die-with-parent");
    // A new session blocks TIOCSTI; a TTY session needs its controlling terminal instead.
    if (!tty)
        args << QStringLiteral("--new-session");
    args << QStringLiteral("--ro-bind") << QStringLiteral("/usr") << QStringLiteral("/usr")
         << QStringLiteral("--symlink") << QStringLiteral("usr/bin") << QStringLiteral("/bin")
         << QStringLiteral("--symlink") << QStringLiteral("usr/lib") << QStringLiteral("/lib")
         << QStringLiteral("--symlink") << QStringLiteral("usr/lib64") << QStringLiteral("/lib64")
         << QStringLiteral("--symlink") << QStringLiteral("usr/sbin") << QStringLiteral("/sbin")
         << QStringLiteral("--proc") << QStringLiteral("/proc") << QStringLiteral("--dev")
         << QStringLiteral("/dev") << QStringLiteral("--tmpfs") << QStringLiteral("/tmp");
    for (const char* file : EtcFiles) {
        const QString path = QStringLiteral("/etc/") + QLatin1String(file);
        args << QStringLiteral("--ro-bind-try") << path << path;
    }
    return args;
}

void SandboxRunner::probe() const {
    if (m_isolated)
        return;
    m_isolated = false;
    if (m_forceUnisolated) {
        m_reason = QStringLiteral("isolation disabled by configuration");
        return;
    }
    const QString bwrap = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
    if (bwrap.isEmpty()) {
        m_reason = QStringLiteral("bubblewrap (bwrap) is not installed");
        return;
    }
    // A trivially short synchronous check, once per backend.
    QProcess process;
    process.start(bwrap, baseArguments(QStringLiteral("probe"), true, false)
                             << QStringLiteral("--") << QStringLiteral("true"));
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(1000);
        m_reason = QStringLiteral("bubblewrap did not run: ") + process.errorString();
        return;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString err = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        m_reason = QStringLiteral("bubblewrap failed: ") +
                   (err.isEmpty() ? QStringLiteral("exit code %1").arg(process.exitCode()) : err);
        return;
    }
    m_bwrap = bwrap;
    m_isolated = true;
}

bool SandboxRunner::isolated() const {
    probe();
    return *m_isolated;
}

QString SandboxRunner::reason() const {
    probe();
    return m_reason;
}

Status SandboxRunner::validateEnvironment(const QMap<QString, QString>& env) {
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (it.key().isEmpty() || it.key().contains(QLatin1Char('=')) ||
            it.key().contains(QChar(0)) || it.value().contains(QChar(0)))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("invalid environment variable name: '%1'").arg(it.key()));
    }
    return {};
}

Result<LaunchSpec> SandboxRunner::build(const QString& name, const QString& hostRoot,
                                        const QString& insideCwd, const QString& hostCwd,
                                        const ExecRequest& request, bool denyNetwork) const {
    if (request.argv.isEmpty() || request.argv.first().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("empty command"));
    for (const QString& arg : request.argv) {
        if (arg.contains(QChar(0)))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("command argument contains a NUL byte"));
    }
    if (auto valid = validateEnvironment(request.env); !valid)
        return valid.error();

    QMap<QString, QString> env{{QStringLiteral("PATH"), DefaultPath},
                               {QStringLiteral("LANG"), QStringLiteral("C.UTF-8")}};
    if (request.tty)
        env.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    env.insert(QStringLiteral("HOME"), isolated() ? m_workingDir : hostRoot);
    for (auto it = request.env.cbegin(); it != request.env.cend(); ++it)
        env.insert(it.key(), it.value());

    LaunchSpec spec;
    if (!isolated()) {
        // Loudly unisolated (see LocalBackend::isolation()): a plain process in the root dir.
        spec.program = request.argv.first();
        spec.arguments = request.argv.mid(1);
        spec.hostCwd = hostCwd;
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            spec.environment.insert(it.key(), it.value());
        return spec;
    }
    spec.program = m_bwrap;
    spec.bubblewrap = true;
    spec.arguments = baseArguments(name, denyNetwork, request.tty);
    spec.arguments << QStringLiteral("--bind") << hostRoot << m_workingDir
                   << QStringLiteral("--chdir") << insideCwd << QStringLiteral("--clearenv");
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        spec.arguments << QStringLiteral("--setenv") << it.key() << it.value();
    spec.arguments << QStringLiteral("--");
    spec.arguments += request.argv;
    spec.hostCwd = hostRoot;
    // bwrap itself gets a minimal environment; the sandbox's is set with --setenv.
    spec.environment.insert(QStringLiteral("PATH"), DefaultPath);
    return spec;
}

} // namespace hangar::local
