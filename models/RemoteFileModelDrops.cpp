// RemoteFileModel's drag and drop: rows dragged out are downloaded (RemoteMimeData), local
// files and folders dropped on a folder are uploaded, both through the TransferQueue.
#include "RemoteFileModel.h"

#include "RemoteMimeData.h"
#include "TransferQueue.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

#include <algorithm>

namespace hangar {

namespace {

bool isFolder(const FsEntry& e) {
    return e.isDir && !e.isSymlink;
}

QString joinPath(const QString& dir, const QString& name) {
    return dir.endsWith(QLatin1Char('/')) ? QString(dir + name)
                                          : QString(dir + QLatin1Char('/') + name);
}

} // namespace

QStringList RemoteFileModel::mimeTypes() const {
    return {QStringLiteral("text/uri-list")};
}

QMimeData* RemoteFileModel::mimeData(const QModelIndexList& indexes) const {
    QList<const Node*> nodes;
    for (const QModelIndex& index : indexes) {
        const Node* node = nodeOf(index);
        if (index.isValid() && node->kind == Kind::Entry && !nodes.contains(node))
            nodes.append(node);
    }
    if (nodes.isEmpty())
        return nullptr;
    QStringList paths;
    for (const Node* node : std::as_const(nodes))
        paths.append(node->entry.path);
    if (!m_queue)
        return RemoteMimeData::pathsOnly(paths);
    if (!m_dragDir)
        m_dragDir = std::make_unique<QTemporaryDir>();
    // One folder per drag: two drags of files with the same name do not overwrite each other.
    const QString folder = m_dragDir->filePath(QStringLiteral("drag-%1").arg(++m_drags));
    QList<RemoteMimeData::Item> items;
    for (const Node* node : std::as_const(nodes)) {
        const QString local = folder + QLatin1Char('/') + node->entry.name;
        const int job =
            m_queue->download(m_sandboxId, node->entry.path, local, isFolder(node->entry));
        items.append({job, QUrl::fromLocalFile(local)});
    }
    return new RemoteMimeData(m_queue, paths, items);
}

QString RemoteFileModel::dropTarget(const QModelIndex& parent) const {
    return directoryFor(parent);
}

bool RemoteFileModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                      const QModelIndex& parent) const {
    // Rows of this tree dragged onto it: moving inside the sandbox is Rename, not a drop.
    if (!m_queue || !data || data->hasFormat(RemotePathsMimeType) || !data->hasUrls())
        return false;
    // Copy only: a move would have the file manager delete the originals.
    if (action != Qt::CopyAction)
        return false;
    if (!m_rootKnown || dropTarget(parent).isEmpty())
        return false;
    const QList<QUrl> urls = data->urls();
    return !urls.isEmpty() &&
           std::all_of(urls.cbegin(), urls.cend(), [](const QUrl& u) { return u.isLocalFile(); });
}

bool RemoteFileModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                   int column, const QModelIndex& parent) {
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString target = dropTarget(parent);
    int queued = 0;
    for (const QUrl& url : data->urls()) {
        const QString local = QFileInfo(url.toLocalFile()).absoluteFilePath();
        const QString name = QFileInfo(local).fileName();
        if (name.isEmpty())
            continue;
        m_queue->upload(m_sandboxId, local, joinPath(target, name));
        ++queued;
    }
    if (queued > 0)
        emit uploadsQueued(queued);
    return queued > 0;
}

Qt::DropActions RemoteFileModel::supportedDropActions() const {
    return Qt::CopyAction;
}

Qt::DropActions RemoteFileModel::supportedDragActions() const {
    return Qt::CopyAction;
}

} // namespace hangar
