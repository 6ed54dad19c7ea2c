// LocalBackend::machines: what is on disk, for fleet health's orphan search.
#include "LocalBackend.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace hangar {

namespace {

// A directory is a sandbox when it has what create() makes: sandbox.json and root/. Hidden
// entries (.trash-*: destroyed, awaiting deletion) are not listed.
Result<QStringList> listSandboxDirs(const QString& sandboxesDir) {
    const QDir dir(sandboxesDir);
    if (!dir.exists())
        return QStringList();
    QStringList names;
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoSymLinks | QDir::NoDotAndDotDot);
    for (const QString& name : entries) {
        if (QFileInfo::exists(dir.filePath(name + QStringLiteral("/sandbox.json"))) &&
            QFileInfo(dir.filePath(name + QStringLiteral("/root"))).isDir())
            names.append(name);
    }
    return names;
}

} // namespace

Task<QStringList> LocalBackend::machines() const {
    if (m_options.dataDir.isEmpty())
        return readyTask<QStringList>(QStringList());
    // Off the GUI thread: a data directory with thousands of sandboxes is thousands of stats.
    // A QString, not the QStringBuilder `+` makes: run() copies its arguments, and a builder
    // would keep references to temporaries gone by the time the worker starts.
    const QString dir = m_options.dataDir + QStringLiteral("/sandboxes");
    return QtConcurrent::run(listSandboxDirs, dir);
}

} // namespace hangar
