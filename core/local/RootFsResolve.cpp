// RootFs's path resolution in the sandbox's view, through descriptors (see RootFs.h).
#include "RootFs.h"

#include "FsUtil.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

namespace hangar::local {

namespace {

constexpr int MaxSymlinkHops = 40;

} // namespace

RootFs::RootFs(QString hostRoot, QString workingDir)
    : m_hostRoot(std::move(hostRoot))
    , m_workingDir(QDir::cleanPath(workingDir)) {
}

bool RootFs::relativeComponents(const QString& absolute, QStringList* out) const {
    const QString cleaned = QDir::cleanPath(absolute);
    QString rest;
    if (m_workingDir == QLatin1String("/"))
        rest = cleaned;
    else if (cleaned == m_workingDir)
        rest.clear();
    else if (cleaned.startsWith(m_workingDir + QLatin1Char('/')))
        rest = cleaned.mid(m_workingDir.size() + 1);
    else
        return false;
    const QStringList parts = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // cleanPath keeps a leading ".." it cannot resolve; that is outside by definition.
    if (parts.contains(QStringLiteral("..")))
        return false;
    *out = parts;
    return true;
}

QString RootFs::hostOf(const QStringList& components) const {
    return components.isEmpty() ? m_hostRoot
                                : m_hostRoot + QLatin1Char('/') + components.join(QLatin1Char('/'));
}

QString RootFs::insideOf(const QStringList& components) const {
    if (components.isEmpty())
        return m_workingDir;
    return joinInside(m_workingDir, components.join(QLatin1Char('/')));
}

Error RootFs::outside(const QString& path) const {
    return makeError(ErrorCode::OutsideRoot,
                     QStringLiteral("path is outside the sandbox's %1: %2").arg(m_workingDir, path),
                     path);
}

Error RootFs::fsError(int err, const QString& what, const QString& path) const {
    if (err == ELOOP || err == EXDEV)
        return makeError(ErrorCode::OutsideRoot,
                         QStringLiteral("%1 refused: the path changed while in use and would lead "
                                        "outside the sandbox's %2: %3")
                             .arg(what, m_workingDir, path),
                         path);
    return errnoError(err, what, path);
}

Result<RootFs::Resolved> RootFs::resolve(const QString& path, bool followLast) const {
    auto root = openRoot(QStringLiteral("resolve"), path);
    if (!root)
        return root.error();
    return resolveAt(root.value().get(), path, followLast);
}

Result<RootFs::Resolved> RootFs::resolveAt(int rootFd, const QString& path, bool followLast) const {
    if (path.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("path contains a NUL byte"));
    QString absolute = path;
    if (path.isEmpty())
        absolute = m_workingDir;
    else if (!path.startsWith(QLatin1Char('/')))
        absolute = joinInside(m_workingDir, path);

    QStringList pending;
    if (!relativeComponents(absolute, &pending))
        return outside(path);

    QStringList stack;
    Fd dir;               // the directory `stack` names, opened when first needed
    bool missing = false; // `stack` is not an existing directory: nothing below is a link
    int hops = 0;
    while (!pending.isEmpty()) {
        const QString component = pending.takeFirst();
        if (component.isEmpty() || component == QLatin1String("."))
            continue;
        if (component == QLatin1String("..")) {
            if (stack.isEmpty())
                return outside(path);
            stack.removeLast();
            dir = Fd();
            missing = false;
            continue;
        }
        const bool last = pending.isEmpty();
        if (last && !followLast) {
            stack.append(component);
            continue;
        }
        if (!dir.valid() && !missing) {
            int err = 0;
            dir = openDirBeneath(rootFd, stack, err);
            if (!dir.valid() && err != ENOENT && err != ENOTDIR)
                return fsError(err, QStringLiteral("resolve"), path);
            missing = !dir.valid();
        }
        const QByteArray name = QFile::encodeName(component);
        struct stat st {};
        if (missing || ::fstatat(dir.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISLNK(st.st_mode)) {
            stack.append(component);
            dir = Fd();
            continue;
        }
        if (++hops > MaxSymlinkHops)
            return errnoError(ELOOP, QStringLiteral("resolve"), path);
        const QString target = readLinkAt(dir.get(), name);
        if (target.isEmpty())
            return errnoError(ENOENT, QStringLiteral("resolve"), path);
        QStringList targetParts;
        if (target.startsWith(QLatin1Char('/'))) {
            if (!relativeComponents(target, &targetParts))
                return outside(path);
            stack.clear();
            dir = Fd();
            missing = false;
        } else {
            targetParts = target.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        }
        pending = targetParts + pending;
    }
    return Resolved{hostOf(stack), insideOf(stack), stack.isEmpty(), stack};
}

Result<RootFs::Target> RootFs::locate(int rootFd, const QString& path, bool followLast,
                                      bool makeParents, const QString& what) const {
    auto resolved = resolveAt(rootFd, path, followLast);
    if (!resolved)
        return resolved.error();
    Target target;
    target.resolved = std::move(resolved).value();
    if (target.resolved.isRoot)
        return Result<Target>(std::move(target));
    QStringList parents = target.resolved.components;
    target.name = QFile::encodeName(parents.takeLast());
    int err = 0;
    if (makeParents) {
        int failedAt = 0;
        target.parent = makeDirsBeneath(rootFd, parents, err, failedAt);
        if (!target.parent.valid())
            return fsError(err, QStringLiteral("mkdir"), insideOf(parents.mid(0, failedAt + 1)));
    } else {
        target.parent = openDirBeneath(rootFd, parents, err);
        if (!target.parent.valid())
            return fsError(err, what, path);
    }
    return Result<Target>(std::move(target));
}

Result<RootFs::Resolved> RootFs::directory(const QString& path) const {
    const QString what = QStringLiteral("chdir");
    auto root = openRoot(what, path);
    if (!root)
        return root.error();
    auto resolved = resolveAt(root.value().get(), path, true);
    if (!resolved)
        return resolved;
    int err = 0;
    if (!openDirBeneath(root.value().get(), resolved.value().components, err).valid())
        return fsError(err, what, path);
    return resolved;
}

QString RootFs::joinInside(const QString& dir, const QString& name) {
    if (dir.endsWith(QLatin1Char('/')))
        return dir + name;
    return dir + QLatin1Char('/') + name;
}

Result<Fd> RootFs::openRoot(const QString& what, const QString& path) const {
    int err = 0;
    Fd root = openRootDir(m_hostRoot, err);
    if (!root.valid())
        return errnoError(err, what, path);
    return Result<Fd>(std::move(root));
}

} // namespace hangar::local
