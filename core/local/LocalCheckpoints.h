#pragma once

#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QObject>
#include <QSet>

#include <functional>

namespace hangar::local {

// Checkpoints of local sandboxes: `tar` archives of the root (vN.tar) plus vN.json metadata
// in <sandboxDir>/checkpoints. tar runs as a QProcess (argv only), never blocking the caller.
class LocalCheckpoints : public QObject {
    Q_OBJECT
public:
    explicit LocalCheckpoints(QObject* parent = nullptr);

    Task<CheckpointInfo> create(const QString& sandboxDir, const QString& comment);
    Result<QList<CheckpointInfo>> list(const QString& sandboxDir) const;
    bool exists(const QString& sandboxDir, const QString& id) const;
    // Extracts into a fresh sibling of root/ and swaps the two atomically; on any failure the
    // root is left exactly as it was. The caller has stopped the sandbox's processes.
    Task<void> restore(const QString& sandboxDir, const QString& id);
    Status remove(const QString& sandboxDir, const QString& id);
    // Deletes the .restore-* directories a crash during restore() leaves in <sandboxDir>,
    // except those a restore (of any process) still holds locked. Never follows a symlink.
    // Blocking: for a worker thread.
    static void removeLeftovers(const QString& sandboxDir);

private:
    void runTar(const QStringList& arguments, std::function<void(Status)> done);
    int nextNumber(const QString& sandboxDir) const;

    QSet<QString> m_reserved; // "<sandboxDir>/vN" while being created
};

} // namespace hangar::local
