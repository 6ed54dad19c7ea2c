#include "Pty.h"

#include "FsUtil.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace hangar::local {

Pty::~Pty() {
    closeSlave();
    closeMaster();
}

Status Pty::open(int cols, int rows) {
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_master < 0)
        return errnoError(errno, QStringLiteral("posix_openpt"), {});
    char name[128];
    if (::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0 ||
        ::ptsname_r(m_master, name, sizeof name) != 0)
        return errnoError(errno, QStringLiteral("pty setup"), {});
    m_slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_slave < 0)
        return errnoError(errno, QStringLiteral("open pty slave"), QString::fromLocal8Bit(name));
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    resize(cols, rows);
    return {};
}

void Pty::closeSlave() {
    if (m_slave >= 0)
        ::close(m_slave);
    m_slave = -1;
}

void Pty::closeMaster() {
    if (m_master >= 0)
        ::close(m_master);
    m_master = -1;
}

void Pty::resize(int cols, int rows) {
    if (m_master < 0)
        return;
    struct winsize size {};
    size.ws_col = static_cast<unsigned short>(qBound(1, cols, 10000));
    size.ws_row = static_cast<unsigned short>(qBound(1, rows, 10000));
    ::ioctl(m_master, TIOCSWINSZ, &size);
}

void Pty::setupChild(int slaveFd) {
    // Only async-signal-safe calls here: we are between fork and exec.
    ::setsid();
    ::ioctl(slaveFd, TIOCSCTTY, 0);
    ::dup2(slaveFd, 0);
    ::dup2(slaveFd, 1);
    ::dup2(slaveFd, 2);
}

} // namespace hangar::local
