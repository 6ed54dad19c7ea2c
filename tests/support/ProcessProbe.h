#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <optional>

namespace hangar::test {

// The /proc directory of the `head -c SIZE ...` process on this machine, if it runs: the flow
// control tests watch it to see that output waits in the command instead of in our memory.
// The size is what tells the test's process from any other head.
inline QString headProcess(qint64 size) {
    const QByteArray prefix = QByteArray("head\0-c\0", 8) + QByteArray::number(size) + '\0';
    const QStringList pids =
        QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().startsWith(prefix))
            return QStringLiteral("/proc/") + pid;
    }
    return {};
}

// Whether that process sleeps writing to a full pipe.
inline bool headBlockedOnPipe(qint64 size) {
    const QString dir = headProcess(size);
    QFile wchan(dir + QStringLiteral("/wchan"));
    return !dir.isEmpty() && wchan.open(QIODevice::ReadOnly) &&
           wchan.readAll().contains("pipe_write");
}

// How many bytes that process has written so far (/proc/PID/io), if it still runs.
inline std::optional<qint64> headBytesWritten(qint64 size) {
    const QString dir = headProcess(size);
    QFile io(dir + QStringLiteral("/io"));
    if (dir.isEmpty() || !io.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray& line : io.readAll().split('\n')) {
        if (line.startsWith("wchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return std::nullopt;
}

} // namespace hangar::test
