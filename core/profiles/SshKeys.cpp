#include "SshKeys.h"

#include "util/Async.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace hangar {

Task<KeyPair> generateKeyPair(const QString& comment, QObject* context) {
    const QString program = QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
    if (program.isEmpty())
        return failedTask<KeyPair>(makeError(
            ErrorCode::Unavailable,
            QStringLiteral("ssh-keygen is not installed (package openssh-client); it is needed to "
                           "generate the profile's SSH keys")));
    auto dir = std::make_shared<QTemporaryDir>();
    if (!dir->isValid())
        return failedTask<KeyPair>(
            makeError(ErrorCode::Io,
                      QStringLiteral("no temporary directory for a key: ") + dir->errorString()));
    const QString file = dir->filePath(QStringLiteral("key"));
    auto* process = new QProcess(context);
    process->setProgram(program);
    process->setArguments({QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-C"), comment,
                           QStringLiteral("-f"), file});
    process->setProcessChannelMode(QProcess::MergedChannels);
    Deferred<KeyPair> done;
    QObject::connect(
        process, &QProcess::errorOccurred, process, [process, done](QProcess::ProcessError) {
            done.resolve(makeError(ErrorCode::Io, QStringLiteral("ssh-keygen did not run: ") +
                                                      process->errorString()));
            process->deleteLater();
        });
    QObject::connect(
        process, &QProcess::finished, process,
        [process, done, dir, file](int exitCode, QProcess::ExitStatus status) {
            process->deleteLater();
            if (status != QProcess::NormalExit || exitCode != 0) {
                done.resolve(makeError(ErrorCode::Io,
                                       QStringLiteral("ssh-keygen failed (exit code %1): %2")
                                           .arg(exitCode)
                                           .arg(QString::fromUtf8(process->readAll()).trimmed())));
                return;
            }
            QFile priv(file);
            QFile pub(file + QStringLiteral(".pub"));
            if (!priv.open(QIODevice::ReadOnly) || !pub.open(QIODevice::ReadOnly)) {
                done.resolve(
                    makeError(ErrorCode::Io, QStringLiteral("ssh-keygen wrote no key pair")));
                return;
            }
            done.resolve(KeyPair{QString::fromUtf8(priv.readAll()),
                                 QString::fromUtf8(pub.readAll()).trimmed()});
        });
    process->start(QIODevice::ReadOnly);
    return done.future();
}

} // namespace hangar
