#include "FsUtil.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hangar::local {

namespace {

ErrorCode codeForErrno(int err) {
    switch (err) {
    case ENOENT:
        return ErrorCode::NotFound;
    case EEXIST:
        return ErrorCode::AlreadyExists;
    case ENOTDIR:
        return ErrorCode::NotADirectory;
    case EISDIR:
        return ErrorCode::IsADirectory;
    case EACCES:
    case EPERM:
    case EROFS:
        return ErrorCode::PermissionDenied;
    case ENOTEMPTY:
        return ErrorCode::NotEmpty;
    case EINVAL:
    case ENAMETOOLONG:
    case ELOOP:
        return ErrorCode::InvalidArgument;
    case EFBIG:
    case ENOSPC:
        return ErrorCode::TooLarge;
    default:
        return ErrorCode::Io;
    }
}

} // namespace

int removeTreeAt(int dirFd, const char* name) {
    struct stat st {};
    if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : errno;
    if (!S_ISDIR(st.st_mode))
        return ::unlinkat(dirFd, name, 0) == 0 || errno == ENOENT ? 0 : errno;

    const int fd = ::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) // ENOTDIR: no longer the directory fstatat saw; a symlink, say, so ELOOP
        return errno == ENOTDIR ? ELOOP : errno;
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
        const int err = errno;
        ::close(fd);
        return err;
    }
    int result = 0;
    while (dirent* entry = ::readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
            continue;
        if (const int err = removeTreeAt(::dirfd(dir), entry->d_name); err != 0 && result == 0)
            result = err;
    }
    ::closedir(dir);
    if (result != 0)
        return result;
    return ::unlinkat(dirFd, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : errno;
}

Error errnoError(int err, const QString& what, const QString& path) {
    return makeError(codeForErrno(err),
                     what + QStringLiteral(" failed: ") +
                         QString::fromLocal8Bit(std::strerror(err)) + QStringLiteral(": ") + path,
                     path);
}

Status removeTree(const QString& hostPath) {
    const QByteArray native = QFile::encodeName(hostPath);
    if (const int err = removeTreeAt(AT_FDCWD, native.constData()); err != 0)
        return errnoError(err, QStringLiteral("remove"), hostPath);
    return {};
}

Status writeJsonFile(const QString& hostPath, const QJsonObject& object) {
    QSaveFile file(hostPath);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write ") + hostPath + QStringLiteral(": ") +
                             file.errorString(),
                         hostPath);
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write ") + hostPath + QStringLiteral(": ") +
                             file.errorString(),
                         hostPath);
    return {};
}

Result<QJsonObject> readJsonFile(const QString& hostPath) {
    QFile file(hostPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                         QStringLiteral("cannot read ") + hostPath, hostPath);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return makeError(ErrorCode::Io,
                         QStringLiteral("malformed JSON in ") + hostPath + QStringLiteral(": ") +
                             parseError.errorString(),
                         hostPath);
    return doc.object();
}

} // namespace hangar::local
