#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hangar::local {

// An owned file descriptor, closed when it goes out of scope (errno is left untouched).
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd)
        : m_fd(fd) {}
    Fd(Fd&& other) noexcept;
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    // Gives up ownership (for fdopendir, which takes it over).
    int release();

private:
    int m_fd = -1;
};

// Race-free access below a directory descriptor. Every function opens step by step relative to
// a descriptor, never by a host path string, so a component swapped for a symlink after it was
// checked cannot lead outside: such a walk fails with ELOOP (a symlink was met) or EXDEV (the
// walk would leave `rootFd`). `components` are plain names (no "", ".", ".." or '/').
// On failure the returned Fd is invalid and `error` holds the errno value.

// Opens the directory at `components` below `rootFd` with openat2(RESOLVE_BENEATH |
// RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS); where the kernel has no openat2, one component
// at a time: openat(O_PATH | O_NOFOLLOW), fstat (a symlink is ELOOP), then openat(fd, ".",
// O_DIRECTORY). No components: `rootFd` again.
Fd openDirBeneath(int rootFd, const QStringList& components, int& error);

// mkdir -p below `rootFd`: creates what is missing (0755) with mkdirat and enters each as the
// component walk above does. Returns the deepest directory; on failure `failedAt` is
// the index of the component that failed.
Fd makeDirsBeneath(int rootFd, const QStringList& components, int& error, int& failedAt);

// Opens a sandbox root itself (O_DIRECTORY | O_NOFOLLOW).
Fd openRootDir(const QString& hostRoot, int& error);

// The target of the symlink `name` in `dirFd`; empty when it is not one.
QString readLinkAt(int dirFd, const QByteArray& name);

// For tests: take the component-by-component path even where openat2 exists.
void forceComponentWalk(bool on);

} // namespace hangar::local
