// RootFs: the pieces of a chunked transfer (a ranged read; an upload into a temporary file that
// is moved into place at the end), with the same descriptor-relative checks as every call.
#include "RootFs.h"

#include "FsUtil.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hangar::local {

Result<QByteArray> RootFs::readChunk(const QString& path, qint64 offset, qint64 maxBytes) const {
    const QString what = QStringLiteral("read");
    if (offset < 0 || maxBytes <= 0 || maxBytes > MaxReadBytes)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("bad read range"), path);
    struct stat st {};
    auto opened = openRegularFile(path, what, &st);
    if (!opened)
        return opened.error();
    const Fd& fd = opened.value();
    QByteArray data(qsizetype(std::min<qint64>(maxBytes, std::max<qint64>(st.st_size - offset, 0))),
                    Qt::Uninitialized);
    qint64 filled = 0;
    while (filled < data.size()) {
        const ssize_t n =
            ::pread(fd.get(), data.data() + filled, size_t(data.size() - filled), offset + filled);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(errno, what, path);
        if (n == 0)
            break; // shrank meanwhile
        filled += n;
    }
    data.truncate(filled);
    return data;
}

Status RootFs::writeChunk(const QString& path, qint64 offset, const QByteArray& data,
                          bool makeParents) const {
    const QString what = QStringLiteral("write");
    if (offset < 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("bad write offset"), path);
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, false, offset == 0 && makeParents, what);
    if (!target)
        return target.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return errnoError(EISDIR, what, path);
    // The first piece creates the file (private until it is moved into place); later ones
    // must find it exactly as long as what was written so far.
    const int flags = offset == 0 ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY;
    const Fd fd(::openat(t.parent.get(), t.name.constData(),
                         flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600));
    if (!fd.valid())
        return fsError(errno, what, path);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return errnoError(errno, what, path);
    if (!S_ISREG(st.st_mode))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a regular file: ") + path,
                         path);
    if (st.st_size != offset)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the file being uploaded changed meanwhile: ") + path,
                         path);
    qint64 written = 0;
    while (written < data.size()) {
        const ssize_t n = ::pwrite(fd.get(), data.constData() + written,
                                   size_t(data.size() - written), offset + written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(errno, what, path);
        written += n;
    }
    return {};
}

Status RootFs::commitUpload(const QString& tempPath, const QString& path,
                            std::optional<quint32> mode) const {
    const QString what = QStringLiteral("write");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto target = locate(root.value().get(), path, true, false, what);
    if (!target)
        return target.error();
    auto temp = locate(root.value().get(), tempPath, false, false, what);
    if (!temp)
        return temp.error();
    const Target& t = target.value();
    if (t.resolved.isRoot)
        return errnoError(EISDIR, what, path);
    mode_t bits = mode.value_or(0644) & 07777;
    struct stat st {};
    if (::fstatat(t.parent.get(), t.name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode))
            return errnoError(EISDIR, what, path);
        if (S_ISLNK(st.st_mode)) // it was followed when located: swapped since
            return fsError(ELOOP, what, path);
        if (!mode)
            bits = st.st_mode & 07777; // replacing a file keeps its mode
    }
    const Target& u = temp.value();
    const Fd fd(::openat(u.parent.get(), u.name.constData(),
                         O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd.valid())
        return fsError(errno, what, tempPath);
    if (::fchmod(fd.get(), bits) != 0)
        return errnoError(errno, what, path);
    if (::renameat(u.parent.get(), u.name.constData(), t.parent.get(), t.name.constData()) != 0)
        return errnoError(errno, what, path);
    return {};
}

} // namespace hangar::local
