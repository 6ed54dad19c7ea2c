#include "LocalCheckpoints.h"

#include "FsUtil.h"
#include "RootFd.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/file.h>

namespace hangar::local {

namespace {

const QRegularExpression IdPattern(QStringLiteral("^v([0-9]{1,9})$"));
constexpr char RestorePrefix[] = ".restore-";

QString checkpointDir(const QString& sandboxDir) {
    return sandboxDir + QStringLiteral("/checkpoints");
}
QString archivePath(const QString& sandboxDir, const QString& id) {
    return checkpointDir(sandboxDir) + QLatin1Char('/') + id + QStringLiteral(".tar");
}
QString metaPath(const QString& sandboxDir, const QString& id) {
    return checkpointDir(sandboxDir) + QLatin1Char('/') + id + QStringLiteral(".json");
}

Error notFound(const QString& id) {
    return makeError(ErrorCode::NotFound, QStringLiteral("no checkpoint '%1'").arg(id));
}

// Exchanges two directories atomically (RENAME_EXCHANGE); where the filesystem cannot, two
// renames with a rollback.
Status swapDirectories(const QString& a, const QString& b) {
    const QByteArray na = QFile::encodeName(a);
    const QByteArray nb = QFile::encodeName(b);
    if (::renameat2(AT_FDCWD, na.constData(), AT_FDCWD, nb.constData(), RENAME_EXCHANGE) == 0)
        return {};
    if (errno != EINVAL && errno != ENOSYS)
        return errnoError(errno, QStringLiteral("swap"), b);
    const QByteArray aside = nb + ".old";
    if (::rename(nb.constData(), aside.constData()) != 0)
        return errnoError(errno, QStringLiteral("swap"), b);
    if (::rename(na.constData(), nb.constData()) != 0) {
        const int err = errno;
        ::rename(aside.constData(), nb.constData());
        return errnoError(err, QStringLiteral("swap"), b);
    }
    if (::rename(aside.constData(), na.constData()) != 0)
        return errnoError(errno, QStringLiteral("swap"), a);
    return {};
}

template <typename T> std::shared_ptr<QPromise<Result<T>>> startedPromise() {
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

template <typename T>
void settle(const std::shared_ptr<QPromise<Result<T>>>& promise, Result<T> result) {
    promise->addResult(std::move(result));
    promise->finish();
}

} // namespace

LocalCheckpoints::LocalCheckpoints(QObject* parent)
    : QObject(parent) {
}

void LocalCheckpoints::runTar(const QStringList& arguments, std::function<void(Status)> done) {
    auto* process = new QProcess(this);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    connect(
        process, &QProcess::finished, this, [process, done](int code, QProcess::ExitStatus status) {
            process->deleteLater();
            // With -c, exit code 1 only means a file changed while it was read.
            const bool creating = process->arguments().contains(QStringLiteral("-cf"));
            if (status == QProcess::NormalExit && (code == 0 || (creating && code == 1))) {
                done({});
                return;
            }
            const QString err = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
            done(makeError(ErrorCode::Io,
                           QStringLiteral("tar failed: ") +
                               (err.isEmpty() ? QStringLiteral("exit code %1").arg(code) : err)));
        });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        done(makeError(ErrorCode::Unavailable,
                       QStringLiteral("cannot run tar: ") + process->errorString()));
    });
    process->start(QStringLiteral("tar"), arguments);
}

int LocalCheckpoints::nextNumber(const QString& sandboxDir) const {
    int highest = 0;
    const QStringList files =
        QDir(checkpointDir(sandboxDir)).entryList({QStringLiteral("v*.json")}, QDir::Files);
    for (const QString& file : files) {
        const auto match = IdPattern.match(file.chopped(5));
        if (match.hasMatch())
            highest = std::max(highest, match.captured(1).toInt());
    }
    for (const QString& reserved : m_reserved) {
        if (reserved.startsWith(sandboxDir + QLatin1Char('/')))
            highest = std::max(highest, reserved.mid(sandboxDir.size() + 2).toInt());
    }
    return highest + 1;
}

Task<CheckpointInfo> LocalCheckpoints::create(const QString& sandboxDir, const QString& comment) {
    if (!QDir().mkpath(checkpointDir(sandboxDir)))
        return failedTask<CheckpointInfo>(
            makeError(ErrorCode::Io, QStringLiteral("cannot create ") + checkpointDir(sandboxDir)));
    const QString id = QLatin1Char('v') + QString::number(nextNumber(sandboxDir));
    const QString key = sandboxDir + QLatin1Char('/') + id;
    m_reserved.insert(key);
    const QString partial =
        checkpointDir(sandboxDir) + QStringLiteral("/.") + id + QStringLiteral(".tar.partial");
    auto promise = startedPromise<CheckpointInfo>();
    auto future = promise->future();
    const QStringList args{QStringLiteral("--numeric-owner"),
                           QStringLiteral("-C"),
                           sandboxDir + QStringLiteral("/root"),
                           QStringLiteral("-cf"),
                           partial,
                           QStringLiteral(".")};
    runTar(args, [this, promise, sandboxDir, id, key, partial, comment](Status status) {
        m_reserved.remove(key);
        if (!status) {
            QFile::remove(partial);
            settle<CheckpointInfo>(promise, status.error());
            return;
        }
        const QString archive = archivePath(sandboxDir, id);
        if (::rename(QFile::encodeName(partial).constData(),
                     QFile::encodeName(archive).constData()) != 0) {
            settle<CheckpointInfo>(promise,
                                   errnoError(errno, QStringLiteral("checkpoint"), archive));
            return;
        }
        CheckpointInfo info{id, QDateTime::currentDateTimeUtc(), comment,
                            QFileInfo(archive).size()};
        const QJsonObject meta{
            {QLatin1String("id"), id},
            {QLatin1String("createdAt"), info.createdAt.toString(Qt::ISODateWithMs)},
            {QLatin1String("comment"), comment},
            {QLatin1String("sizeBytes"), info.sizeBytes}};
        if (auto written = writeJsonFile(metaPath(sandboxDir, id), meta); !written) {
            QFile::remove(archive);
            settle<CheckpointInfo>(promise, written.error());
            return;
        }
        settle<CheckpointInfo>(promise, info);
    });
    return future;
}

Result<QList<CheckpointInfo>> LocalCheckpoints::list(const QString& sandboxDir) const {
    QList<CheckpointInfo> result;
    const QStringList files =
        QDir(checkpointDir(sandboxDir)).entryList({QStringLiteral("v*.json")}, QDir::Files);
    for (const QString& file : files) {
        const QString id = file.chopped(5);
        if (!IdPattern.match(id).hasMatch() || !QFile::exists(archivePath(sandboxDir, id)))
            continue;
        auto meta = readJsonFile(metaPath(sandboxDir, id));
        if (!meta)
            continue;
        const QJsonObject& json = meta.value();
        result.append({id,
                       QDateTime::fromString(json.value(QLatin1String("createdAt")).toString(),
                                             Qt::ISODateWithMs),
                       json.value(QLatin1String("comment")).toString(),
                       json.value(QLatin1String("sizeBytes")).toInteger()});
    }
    std::sort(result.begin(), result.end(), [](const CheckpointInfo& a, const CheckpointInfo& b) {
        if (a.createdAt != b.createdAt)
            return a.createdAt > b.createdAt;
        return a.id.mid(1).toInt() > b.id.mid(1).toInt();
    });
    return result;
}

bool LocalCheckpoints::exists(const QString& sandboxDir, const QString& id) const {
    return IdPattern.match(id).hasMatch() && QFile::exists(archivePath(sandboxDir, id)) &&
           QFile::exists(metaPath(sandboxDir, id));
}

Task<void> LocalCheckpoints::restore(const QString& sandboxDir, const QString& id) {
    if (!exists(sandboxDir, id))
        return failedTask<void>(notFound(id));
    QByteArray tmpl = QFile::encodeName(sandboxDir) + '/' + RestorePrefix + "XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        return failedTask<void>(errnoError(errno, QStringLiteral("restore"), sandboxDir));
    const QString fresh = QFile::decodeName(tmpl);
    // Locked while tar extracts into it, so removeLeftovers() (another backend starting on the
    // same data directory) tells it from a crash's leftover.
    auto lock = std::make_shared<Fd>(
        ::open(tmpl.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (lock->valid())
        ::flock(lock->get(), LOCK_EX | LOCK_NB);
    const QString root = sandboxDir + QStringLiteral("/root");
    auto promise = startedPromise<void>();
    auto future = promise->future();
    const QStringList args{QStringLiteral("--numeric-owner"),
                           QStringLiteral("-p"),
                           QStringLiteral("-C"),
                           fresh,
                           QStringLiteral("-xf"),
                           archivePath(sandboxDir, id)};
    runTar(args, [this, promise, fresh, root, lock](Status status) {
        if (status)
            status = swapDirectories(fresh, root);
        *lock = Fd(); // swapped or failed: the extraction is done
        // `fresh` now holds either the failed extraction or the old tree: delete it off-thread.
        QtConcurrent::run([fresh] {
            return removeTree(fresh);
        }).then(this, [promise, status](const Status&) { settle<void>(promise, status); });
    });
    return future;
}

Status LocalCheckpoints::remove(const QString& sandboxDir, const QString& id) {
    if (!exists(sandboxDir, id))
        return notFound(id);
    QFile::remove(metaPath(sandboxDir, id));
    if (!QFile::remove(archivePath(sandboxDir, id)))
        return makeError(ErrorCode::Io, QStringLiteral("cannot delete checkpoint ") + id);
    return {};
}

void LocalCheckpoints::removeLeftovers(const QString& sandboxDir) {
    int err = 0;
    const Fd dirFd = openRootDir(sandboxDir, err);
    if (!dirFd.valid())
        return;
    const QStringList names =
        QDir(sandboxDir)
            .entryList({QString::fromLatin1(RestorePrefix) + QLatin1Char('*')},
                       QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        const QByteArray native = QFile::encodeName(name);
        const Fd fd(::openat(dirFd.get(), native.constData(),
                             O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (fd.valid() && ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
            continue; // a restore is extracting into it right now
        if (const int failed = removeTreeAt(dirFd.get(), native.constData()); failed != 0)
            qWarning("cannot remove %s/%s: %s", qPrintable(sandboxDir), native.constData(),
                     std::strerror(failed));
    }
}

} // namespace hangar::local
