#include "RootFd.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>

namespace hangar::local {

namespace {

constexpr int DirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
// openat2 with RESOLVE_BENEATH gives EAGAIN when a concurrent rename might have let a walk
// escape; it is retried, then the component walk takes over.
constexpr int Openat2Attempts = 8;

std::atomic<bool> s_noOpenat2{false}; // the kernel said ENOSYS
std::atomic<bool> s_forceWalk{false}; // tests

// Opens the directory `name` in `dirFd` without following a symlink: ELOOP for a symlink,
// ENOTDIR for anything else that is not a directory. (openat(O_NOFOLLOW | O_DIRECTORY) says
// ENOTDIR for both, and looking again afterwards would race; an O_PATH descriptor pins what
// was found while we look at it.)
Fd enterDir(int dirFd, const QByteArray& name, int& error) {
    const Fd found(::openat(dirFd, name.constData(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    struct stat st {};
    if (!found.valid() || ::fstat(found.get(), &st) != 0) {
        error = errno;
        return {};
    }
    if (!S_ISDIR(st.st_mode)) {
        error = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
        return {};
    }
    Fd dir(::openat(found.get(), ".", DirFlags));
    if (!dir.valid())
        error = errno;
    return dir;
}

Fd duplicate(int fd, int& error) {
    Fd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
    if (!copy.valid())
        error = errno;
    return copy;
}

Fd walk(int rootFd, const QStringList& components, int& error) {
    Fd current = duplicate(rootFd, error);
    for (const QString& component : components) {
        if (!current.valid())
            return {};
        current = enterDir(current.get(), QFile::encodeName(component), error);
    }
    return current;
}

// -1 with errno ENOSYS when there is no openat2 (or the walk is forced).
int openat2Beneath(int rootFd, const char* path, int flags) {
    if (s_forceWalk.load() || s_noOpenat2.load()) {
        errno = ENOSYS;
        return -1;
    }
    open_how how{};
    how.flags = static_cast<__u64>(flags);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS;
    for (int attempt = 0; attempt < Openat2Attempts; ++attempt) {
        const long fd = ::syscall(SYS_openat2, rootFd, path, &how, sizeof how);
        if (fd >= 0)
            return static_cast<int>(fd);
        if (errno == ENOSYS)
            s_noOpenat2.store(true);
        if (errno != EAGAIN && errno != EINTR)
            return -1;
    }
    errno = ENOSYS; // kept racing: walk instead
    return -1;
}

} // namespace

Fd::Fd(Fd&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)) {
}

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other)
        Fd previous(std::exchange(m_fd, std::exchange(other.m_fd, -1))); // closed right here
    return *this;
}

Fd::~Fd() {
    if (m_fd >= 0) {
        const int saved = errno;
        ::close(m_fd);
        errno = saved;
    }
}

int Fd::release() {
    return std::exchange(m_fd, -1);
}

Fd openDirBeneath(int rootFd, const QStringList& components, int& error) {
    if (components.isEmpty())
        return duplicate(rootFd, error);
    const QByteArray relative = QFile::encodeName(components.join(QLatin1Char('/')));
    Fd fd(openat2Beneath(rootFd, relative.constData(), DirFlags));
    if (fd.valid())
        return fd;
    if (errno != ENOSYS) {
        error = errno;
        return {};
    }
    return walk(rootFd, components, error);
}

Fd makeDirsBeneath(int rootFd, const QStringList& components, int& error, int& failedAt) {
    Fd current = duplicate(rootFd, error);
    failedAt = 0;
    for (const QString& component : components) {
        if (!current.valid())
            return {};
        const QByteArray name = QFile::encodeName(component);
        if (::mkdirat(current.get(), name.constData(), 0755) != 0 && errno != EEXIST) {
            error = errno;
            return {};
        }
        current = enterDir(current.get(), name, error);
        if (!current.valid())
            return {};
        ++failedAt;
    }
    return current;
}

Fd openRootDir(const QString& hostRoot, int& error) {
    Fd fd(::open(QFile::encodeName(hostRoot).constData(), DirFlags | O_NOFOLLOW));
    if (!fd.valid())
        error = errno;
    return fd;
}

QString readLinkAt(int dirFd, const QByteArray& name) {
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t n = ::readlinkat(dirFd, name.constData(), buffer.data(), buffer.size());
    if (n < 0)
        return {};
    buffer.truncate(n);
    return QFile::decodeName(buffer);
}

void forceComponentWalk(bool on) {
    s_forceWalk.store(on);
}

} // namespace hangar::local
