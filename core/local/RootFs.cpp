#include "RootFs.h"

#include "FsUtil.h"
#include "RootFd.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hangar::local {

namespace {

constexpr int TempNameAttempts = 64;

FsEntry entryFrom(const struct stat& st, const QString& name, const QString& inside, int dirFd,
                  const QByteArray& nativeName) {
    FsEntry entry;
    entry.name = name;
    entry.path = inside;
    entry.isDir = S_ISDIR(st.st_mode);
    entry.isSymlink = S_ISLNK(st.st_mode);
    entry.size = st.st_size;
    entry.mode = st.st_mode & 07777;
    entry.modified = QDateTime::fromMSecsSinceEpoch(
        qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000, Qt::UTC);
    if (entry.isSymlink && dirFd >= 0)
        entry.linkTarget = readLinkAt(dirFd, nativeName);
    return entry;
}

QByteArray tempName() {
    static constexpr char Alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QByteArray name(".hangar-write-");
    for (int i = 0; i < 8; ++i)
        name.append(Alphabet[QRandomGenerator::system()->bounded(int(sizeof Alphabet) - 1)]);
    return name;
}

// Writes all of `data` to `fd`; 0 or an errno value.
int writeAll(int fd, const QByteArray& data) {
    const char* cursor = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, cursor, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        cursor += n;
        left -= n;
    }
    return 0;
}

} // namespace

Result<Fd> RootFs::openRegularFile(const QString& path, const QString& what,
                                   struct stat* st) const {
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, true, false, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return errnoError(EISDIR, what, path);
    Fd fd(::openat(t.parent.get(), t.name.constData(),
                   O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
    if (!fd.valid())
        return fsError(errno, what, path);
    if (::fstat(fd.get(), st) != 0)
        return errnoError(errno, what, path);
    if (S_ISDIR(st->st_mode))
        return errnoError(EISDIR, what, path);
    if (!S_ISREG(st->st_mode))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a regular file: ") + path,
                         path);
    return Result<Fd>(std::move(fd));
}

Result<QByteArray> RootFs::readFile(const QString& path) const {
    const QString what = QStringLiteral("read");
    struct stat st {};
    auto opened = openRegularFile(path, what, &st);
    if (!opened)
        return opened.error();
    const Fd& fd = opened.value();
    const Error tooLarge =
        makeError(ErrorCode::TooLarge, QStringLiteral("file is larger than 64 MiB: ") + path, path);
    if (st.st_size > MaxReadBytes)
        return tooLarge;
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(errno, what, path);
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > MaxReadBytes)
            return tooLarge;
    }
    return data;
}

Status RootFs::writeFile(const QString& path, const QByteArray& data,
                         const WriteOptions& options) const {
    const QString what = QStringLiteral("write");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, true, options.makeParents, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return errnoError(EISDIR, what, path);
    const int parent = t.parent.get();
    mode_t mode = options.mode.value_or(0644);
    struct stat st {};
    if (::fstatat(parent, t.name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode))
            return errnoError(EISDIR, what, path);
        if (S_ISLNK(st.st_mode)) // it was followed when resolved: swapped since
            return fsError(ELOOP, what, path);
        if (!options.mode)
            mode = st.st_mode & 07777;
    }
    // Atomic: readers see the old or the new content, never half of it.
    QByteArray temp;
    Fd fd;
    for (int attempt = 0; attempt < TempNameAttempts && !fd.valid(); ++attempt) {
        temp = tempName();
        fd = Fd(::openat(parent, temp.constData(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!fd.valid() && errno != EEXIST)
            break;
    }
    if (!fd.valid())
        return fsError(errno, what, path);
    int err = writeAll(fd.get(), data);
    if (err == 0 && ::fchmod(fd.get(), mode & 07777) != 0)
        err = errno;
    if (err == 0 && ::close(fd.release()) != 0)
        err = errno;
    if (err == 0 && ::renameat(parent, temp.constData(), parent, t.name.constData()) != 0)
        err = errno;
    if (err != 0) {
        ::unlinkat(parent, temp.constData(), 0);
        return errnoError(err, what, path);
    }
    return {};
}

Result<QList<FsEntry>> RootFs::listDir(const QString& path) const {
    const QString what = QStringLiteral("list");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto resolved = resolveAt(root.value().get(), path, true);
    if (!resolved)
        return resolved.error();
    int err = 0;
    Fd fd = openDirBeneath(root.value().get(), resolved.value().components, err);
    if (!fd.valid())
        return fsError(err, what, path);
    DIR* dir = ::fdopendir(fd.get());
    if (!dir)
        return errnoError(errno, what, path);
    fd.release(); // closedir closes it
    QList<FsEntry> entries;
    while (dirent* ent = ::readdir(dir)) {
        if (std::strcmp(ent->d_name, ".") == 0 || std::strcmp(ent->d_name, "..") == 0)
            continue;
        struct stat st {};
        if (::fstatat(::dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished meanwhile
        const QByteArray nativeName(ent->d_name);
        const QString name = QFile::decodeName(nativeName);
        entries.append(entryFrom(st, name, joinInside(resolved.value().inside, name), ::dirfd(dir),
                                 nativeName));
    }
    ::closedir(dir);
    std::sort(entries.begin(), entries.end(),
              [](const FsEntry& a, const FsEntry& b) { return a.name < b.name; });
    return entries;
}

Result<FsEntry> RootFs::stat(const QString& path) const {
    const QString what = QStringLiteral("stat");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, false, false, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    const QString name = t.resolved.inside.mid(t.resolved.inside.lastIndexOf(QLatin1Char('/')) + 1);
    struct stat st {};
    if (t.resolved.isRoot) {
        if (::fstat(root.value().get(), &st) != 0)
            return errnoError(errno, what, path);
        return entryFrom(st, name, t.resolved.inside, -1, {});
    }
    if (::fstatat(t.parent.get(), t.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errnoError(errno, what, path);
    return entryFrom(st, name, t.resolved.inside, t.parent.get(), t.name);
}

Status RootFs::makeDir(const QString& path, bool parents) const {
    const QString what = QStringLiteral("mkdir");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    if (parents) {
        auto resolved = resolveAt(root.value().get(), path, true);
        if (!resolved)
            return resolved.error();
        const QStringList& components = resolved.value().components;
        int err = 0;
        int failedAt = 0;
        if (!makeDirsBeneath(root.value().get(), components, err, failedAt).valid())
            return fsError(err, what, insideOf(components.mid(0, failedAt + 1)));
        return {};
    }
    auto target = locate(root.value().get(), path, false, false, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return errnoError(EEXIST, what, path);
    if (::mkdirat(t.parent.get(), t.name.constData(), 0755) != 0)
        return errnoError(errno, what, path);
    return {};
}

Status RootFs::remove(const QString& path, bool recursive) const {
    const QString what = QStringLiteral("remove");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, false, false, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("refusing to remove the sandbox root: ") + path, path);
    const int parent = t.parent.get();
    const char* name = t.name.constData();
    struct stat st {};
    if (::fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errnoError(errno, what, path);
    if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(parent, name, 0) != 0)
            return errnoError(errno, what, path);
        return {};
    }
    if (!recursive) {
        if (::unlinkat(parent, name, AT_REMOVEDIR) != 0)
            return errnoError(errno == EEXIST ? ENOTEMPTY : errno, what, path);
        return {};
    }
    // Descends with openat(O_NOFOLLOW | O_DIRECTORY) and unlinks symlinks, never entering one.
    if (const int err = removeTreeAt(parent, name); err != 0)
        return fsError(err, what, path);
    return {};
}

Status RootFs::rename(const QString& from, const QString& to) const {
    const QString what = QStringLiteral("rename");
    auto root = openRoot(what, from);
    if (!root)
        return root.error();
    auto source = locate(root.value().get(), from, false, false, what);
    if (!source)
        return source.error();
    auto target = locate(root.value().get(), to, false, false, what);
    if (!target)
        return target.error();
    const Target& s = source.value();
    const Target& t = target.value();
    if (s.resolved.isRoot || t.resolved.isRoot)
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("refusing to rename the sandbox root"), from);
    if (::renameat(s.parent.get(), s.name.constData(), t.parent.get(), t.name.constData()) != 0)
        return errnoError(errno, what, errno == ENOENT ? from : to);
    return {};
}

Status RootFs::chmod(const QString& path, quint32 mode) const {
    const QString what = QStringLiteral("chmod");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, true, false, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    const mode_t bits = mode & 07777;
    if (t.resolved.isRoot) {
        if (::fchmod(root.value().get(), bits) != 0)
            return errnoError(errno, what, path);
        return {};
    }
    // A real descriptor of the file itself (not O_PATH, which fchmod refuses); a socket cannot
    // be opened, and glibc's fchmodat(AT_SYMLINK_NOFOLLOW) pins it with O_PATH instead.
    const Fd fd(::openat(t.parent.get(), t.name.constData(),
                         O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    int result = 0;
    if (fd.valid())
        result = ::fchmod(fd.get(), bits);
    else if (errno == ENXIO)
        result = ::fchmodat(t.parent.get(), t.name.constData(), bits, AT_SYMLINK_NOFOLLOW);
    else
        result = -1;
    if (result != 0)
        return fsError(errno == EOPNOTSUPP ? ELOOP : errno, what, path);
    return {};
}

} // namespace hangar::local
