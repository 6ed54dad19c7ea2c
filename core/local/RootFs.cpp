#include "RootFs.h"

#include "FsUtil.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hangar::local {

namespace {

constexpr int MaxSymlinkHops = 40;

QByteArray native(const QString& path) {
    return QFile::encodeName(path);
}

QString readLink(const QString& hostPath) {
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t n = ::readlink(native(hostPath).constData(), buffer.data(), buffer.size());
    if (n < 0)
        return {};
    buffer.truncate(n);
    return QFile::decodeName(buffer);
}

FsEntry entryFrom(const struct stat& st, const QString& name, const QString& inside,
                  const QString& hostPath) {
    FsEntry entry;
    entry.name = name;
    entry.path = inside;
    entry.isDir = S_ISDIR(st.st_mode);
    entry.isSymlink = S_ISLNK(st.st_mode);
    entry.size = st.st_size;
    entry.mode = st.st_mode & 07777;
    entry.modified = QDateTime::fromMSecsSinceEpoch(
        qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000, Qt::UTC);
    if (entry.isSymlink)
        entry.linkTarget = readLink(hostPath);
    return entry;
}

QString joinInside(const QString& dir, const QString& name) {
    if (dir.endsWith(QLatin1Char('/')))
        return dir + name;
    return dir + QLatin1Char('/') + name;
}

} // namespace

RootFs::RootFs(QString hostRoot, QString workingDir)
    : m_hostRoot(std::move(hostRoot))
    , m_workingDir(QDir::cleanPath(workingDir)) {
}

bool RootFs::relativeComponents(const QString& absolute, QStringList* out) const {
    const QString cleaned = QDir::cleanPath(absolute);
    QString rest;
    if (m_workingDir == QLatin1String("/"))
        rest = cleaned;
    else if (cleaned == m_workingDir)
        rest.clear();
    else if (cleaned.startsWith(m_workingDir + QLatin1Char('/')))
        rest = cleaned.mid(m_workingDir.size() + 1);
    else
        return false;
    const QStringList parts = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // cleanPath keeps a leading ".." it cannot resolve; that is outside by definition.
    if (parts.contains(QStringLiteral("..")))
        return false;
    *out = parts;
    return true;
}

QString RootFs::hostOf(const QStringList& components) const {
    return components.isEmpty() ? m_hostRoot
                                : m_hostRoot + QLatin1Char('/') + components.join(QLatin1Char('/'));
}

QString RootFs::insideOf(const QStringList& components) const {
    if (components.isEmpty())
        return m_workingDir;
    return joinInside(m_workingDir, components.join(QLatin1Char('/')));
}

Error RootFs::outside(const QString& path) const {
    return makeError(ErrorCode::OutsideRoot,
                     QStringLiteral("path is outside the sandbox's %1: %2").arg(m_workingDir, path),
                     path);
}

Result<RootFs::Resolved> RootFs::resolve(const QString& path, bool followLast) const {
    if (path.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("path contains a NUL byte"));
    QString absolute = path;
    if (path.isEmpty())
        absolute = m_workingDir;
    else if (!path.startsWith(QLatin1Char('/')))
        absolute = joinInside(m_workingDir, path);

    QStringList pending;
    if (!relativeComponents(absolute, &pending))
        return outside(path);

    QStringList stack;
    int hops = 0;
    while (!pending.isEmpty()) {
        const QString component = pending.takeFirst();
        if (component.isEmpty() || component == QLatin1String("."))
            continue;
        if (component == QLatin1String("..")) {
            if (stack.isEmpty())
                return outside(path);
            stack.removeLast();
            continue;
        }
        const QString host = hostOf(stack) + QLatin1Char('/') + component;
        const bool last = pending.isEmpty();
        struct stat st {};
        const bool isLink = ::lstat(native(host).constData(), &st) == 0 && S_ISLNK(st.st_mode);
        if (!isLink || (last && !followLast)) {
            stack.append(component);
            continue;
        }
        if (++hops > MaxSymlinkHops)
            return errnoError(ELOOP, QStringLiteral("resolve"), path);
        const QString target = readLink(host);
        if (target.isEmpty())
            return errnoError(ENOENT, QStringLiteral("resolve"), path);
        QStringList targetParts;
        if (target.startsWith(QLatin1Char('/'))) {
            if (!relativeComponents(target, &targetParts))
                return outside(path);
            stack.clear();
        } else {
            targetParts = target.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        }
        pending = targetParts + pending;
    }
    return Resolved{hostOf(stack), insideOf(stack), stack.isEmpty()};
}

Result<RootFs::Resolved> RootFs::directory(const QString& path) const {
    auto resolved = resolve(path, true);
    if (!resolved)
        return resolved;
    struct stat st {};
    if (::stat(native(resolved.value().host).constData(), &st) != 0)
        return errnoError(errno, QStringLiteral("chdir"), path);
    if (!S_ISDIR(st.st_mode))
        return errnoError(ENOTDIR, QStringLiteral("chdir"), path);
    return resolved;
}

Result<QByteArray> RootFs::readFile(const QString& path) const {
    auto resolved = resolve(path, true);
    if (!resolved)
        return resolved.error();
    const int fd = ::open(native(resolved.value().host).constData(),
                          O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("read"), path);
    struct stat st {};
    ::fstat(fd, &st);
    auto fail = [&](Error error) {
        ::close(fd);
        return Result<QByteArray>(std::move(error));
    };
    if (S_ISDIR(st.st_mode))
        return fail(errnoError(EISDIR, QStringLiteral("read"), path));
    if (!S_ISREG(st.st_mode))
        return fail(makeError(ErrorCode::InvalidArgument,
                              QStringLiteral("not a regular file: ") + path, path));
    if (st.st_size > MaxReadBytes)
        return fail(makeError(ErrorCode::TooLarge,
                              QStringLiteral("file is larger than 64 MiB: ") + path, path));
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(errnoError(errno, QStringLiteral("read"), path));
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > MaxReadBytes)
            return fail(makeError(ErrorCode::TooLarge,
                                  QStringLiteral("file is larger than 64 MiB: ") + path, path));
    }
    ::close(fd);
    return data;
}

Status RootFs::makeParents(const QString& hostPath) const {
    // hostPath is below m_hostRoot and already resolved: no component is a symlink.
    const QStringList parts =
        hostPath.mid(m_hostRoot.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current = m_hostRoot;
    for (const QString& part : parts) {
        current += QLatin1Char('/') + part;
        if (::mkdir(native(current).constData(), 0755) == 0)
            continue;
        if (errno != EEXIST)
            return errnoError(errno, QStringLiteral("mkdir"), current.mid(m_hostRoot.size()));
        struct stat st {};
        if (::stat(native(current).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return errnoError(ENOTDIR, QStringLiteral("mkdir"), current.mid(m_hostRoot.size()));
    }
    return {};
}

Status RootFs::writeFile(const QString& path, const QByteArray& data,
                         const WriteOptions& options) const {
    auto resolved = resolve(path, true);
    if (!resolved)
        return resolved.error();
    if (resolved.value().isRoot)
        return errnoError(EISDIR, QStringLiteral("write"), path);
    const QString host = resolved.value().host;
    const QString parent = host.left(host.lastIndexOf(QLatin1Char('/')));
    if (options.makeParents) {
        if (auto made = makeParents(parent); !made)
            return made;
    }
    mode_t mode = options.mode.value_or(0644);
    struct stat st {};
    if (::lstat(native(host).constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return errnoError(EISDIR, QStringLiteral("write"), path);
        if (!options.mode)
            mode = st.st_mode & 07777;
    }
    // Atomic: readers see the old or the new content, never half of it.
    QByteArray tmpl = native(parent) + "/.hangar-write-XXXXXX";
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("write"), path);
    const char* cursor = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, cursor, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(tmpl.constData());
            return errnoError(err, QStringLiteral("write"), path);
        }
        cursor += n;
        left -= n;
    }
    ::fchmod(fd, mode & 07777);
    ::close(fd);
    if (::rename(tmpl.constData(), native(host).constData()) != 0) {
        const int err = errno;
        ::unlink(tmpl.constData());
        return errnoError(err, QStringLiteral("write"), path);
    }
    return {};
}

Result<QList<FsEntry>> RootFs::listDir(const QString& path) const {
    auto resolved = resolve(path, true);
    if (!resolved)
        return resolved.error();
    const QString host = resolved.value().host;
    const int fd = ::open(native(host).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("list"), path);
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
        const int err = errno;
        ::close(fd);
        return errnoError(err, QStringLiteral("list"), path);
    }
    QList<FsEntry> entries;
    while (dirent* ent = ::readdir(dir)) {
        if (std::strcmp(ent->d_name, ".") == 0 || std::strcmp(ent->d_name, "..") == 0)
            continue;
        struct stat st {};
        if (::fstatat(::dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished meanwhile
        const QString name = QFile::decodeName(ent->d_name);
        entries.append(entryFrom(st, name, joinInside(resolved.value().inside, name),
                                 host + QLatin1Char('/') + name));
    }
    ::closedir(dir);
    std::sort(entries.begin(), entries.end(),
              [](const FsEntry& a, const FsEntry& b) { return a.name < b.name; });
    return entries;
}

Result<FsEntry> RootFs::stat(const QString& path) const {
    auto resolved = resolve(path, false);
    if (!resolved)
        return resolved.error();
    const Resolved& r = resolved.value();
    struct stat st {};
    if (::lstat(native(r.host).constData(), &st) != 0)
        return errnoError(errno, QStringLiteral("stat"), path);
    const QString name = r.inside.mid(r.inside.lastIndexOf(QLatin1Char('/')) + 1);
    return entryFrom(st, name, r.inside, r.host);
}

Status RootFs::makeDir(const QString& path, bool parents) const {
    auto resolved = resolve(path, parents);
    if (!resolved)
        return resolved.error();
    if (parents)
        return makeParents(resolved.value().host);
    if (resolved.value().isRoot)
        return errnoError(EEXIST, QStringLiteral("mkdir"), path);
    if (::mkdir(native(resolved.value().host).constData(), 0755) != 0)
        return errnoError(errno, QStringLiteral("mkdir"), path);
    return {};
}

Status RootFs::remove(const QString& path, bool recursive) const {
    auto resolved = resolve(path, false);
    if (!resolved)
        return resolved.error();
    if (resolved.value().isRoot)
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("refusing to remove the sandbox root: ") + path, path);
    const QByteArray host = native(resolved.value().host);
    struct stat st {};
    if (::lstat(host.constData(), &st) != 0)
        return errnoError(errno, QStringLiteral("remove"), path);
    if (!S_ISDIR(st.st_mode)) {
        if (::unlink(host.constData()) != 0)
            return errnoError(errno, QStringLiteral("remove"), path);
        return {};
    }
    if (!recursive) {
        if (::rmdir(host.constData()) != 0)
            return errnoError(errno == EEXIST ? ENOTEMPTY : errno, QStringLiteral("remove"), path);
        return {};
    }
    if (auto removed = removeTree(resolved.value().host); !removed)
        return makeError(removed.error().code, removed.error().message, path);
    return {};
}

Status RootFs::rename(const QString& from, const QString& to) const {
    auto source = resolve(from, false);
    if (!source)
        return source.error();
    auto target = resolve(to, false);
    if (!target)
        return target.error();
    if (source.value().isRoot || target.value().isRoot)
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("refusing to rename the sandbox root"), from);
    if (::rename(native(source.value().host).constData(),
                 native(target.value().host).constData()) != 0)
        return errnoError(errno, QStringLiteral("rename"), errno == ENOENT ? from : to);
    return {};
}

Status RootFs::chmod(const QString& path, quint32 mode) const {
    auto resolved = resolve(path, true);
    if (!resolved)
        return resolved.error();
    if (::chmod(native(resolved.value().host).constData(), mode & 07777) != 0)
        return errnoError(errno, QStringLiteral("chmod"), path);
    return {};
}

} // namespace hangar::local
