#pragma once

#include "util/Result.h"

namespace hangar::local {

// A pseudo-terminal pair. The master stays with us (non-blocking, close-on-exec); the
// slave becomes the child's stdin/stdout/stderr and controlling terminal.
class Pty {
public:
    Pty() = default;
    ~Pty();
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;

    Status open(int cols, int rows);
    int masterFd() const { return m_master; }
    int slaveFd() const { return m_slave; }
    // The parent closes its slave copy once the child has it, so EOF/EIO shows up on exit.
    void closeSlave();
    void closeMaster();
    void resize(int cols, int rows);

    // Runs in the forked child before exec: new session, controlling tty, stdio = slave.
    static void setupChild(int slaveFd);

private:
    int m_master = -1;
    int m_slave = -1;
};

} // namespace hangar::local
