#pragma once

#include "TransferQueue.h"
#include "backend/BackendTypes.h"
#include "util/Error.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace hangar {

class SandboxTools;

// The filesystem of one sandbox as a tree, loaded lazily: a directory is listed when the view
// opens it (canFetchMore/fetchMore), never the whole tree. While a listing runs the directory
// shows a "loading…" row; a listing that fails shows the error, with the path, as its only
// row (and directoryFailed is emitted). Every call goes through SandboxTools, so a hibernated
// sandbox wakes first.
//
// Drag and drop: local files and folders dropped on a folder row (or the empty area: the root)
// are uploaded there through the TransferQueue, folders recursively. Rows dragged out are
// downloaded into a temporary folder and offered as text/uri-list; the drop waits for those
// downloads (RemoteMimeData), so large files are better fetched with Download….
class RemoteFileModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModeColumn, ModifiedColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        PathRole = Qt::UserRole + 1, // QString: absolute path inside the sandbox
        KindRole,                    // Kind (int)
        IsDirRole,                   // bool
        IsSymlinkRole,               // bool
        SizeRole,                    // qint64
        ModeRole,                    // quint32 permission bits
        ModifiedRole,                // QDateTime (UTC)
        LinkTargetRole,              // QString
        ErrorRole,                   // QString: the error of an ErrorRow
        LoadingRole,                 // bool: a directory whose listing is running
    };
    Q_ENUM(Role)

    // Entry: a file, folder or link. LoadingRow and ErrorRow stand in a folder's place while
    // it is listed or after its listing failed.
    enum class Kind { Entry, LoadingRow, ErrorRow };
    Q_ENUM(Kind)

    // The MIME type with the sandbox paths of dragged rows (one per line).
    static const QString RemotePathsMimeType;

    explicit RemoteFileModel(SandboxTools& tools, QObject* parent = nullptr);
    ~RemoteFileModel() override;

    // Where uploads from drops and downloads for drags go; without it, both are refused.
    void setTransferQueue(TransferQueue* queue);
    TransferQueue* transferQueue() const { return m_queue; }

    // Shows `path` of the sandbox (default: its working directory) and lists it. An empty id
    // empties the model.
    void setRoot(const QString& sandboxId, const QString& path = QStringLiteral("."));
    QString sandboxId() const { return m_sandboxId; }
    // The absolute path of the root once known (empty while the first answer is awaited).
    QString rootPath() const;
    bool isRootLoading() const;
    // Calls to the sandbox still unanswered (listings, the root's stat).
    int pendingCalls() const { return m_pendingCalls; }

    // Lists the folder at `index` again (the root for an invalid index), keeping the rows that
    // are still there and their open subfolders.
    void refresh(const QModelIndex& index = {});
    // Lists every folder listed so far again.
    void refreshAll();
    // Lists the folder with this path again if it is shown and was listed.
    void refreshPath(const QString& path);

    QModelIndex indexForPath(const QString& path, int column = NameColumn) const;
    FsEntry entryAt(const QModelIndex& index) const;
    // The folder a new entry goes to for `index`: the folder itself, a file's folder, the root.
    QString directoryFor(const QModelIndex& index) const;

    // "drwxr-xr-x 755" for a folder with mode 0755.
    static QString modeText(const FsEntry& entry);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

signals:
    // The root was stat'ed (its absolute path known) or could not be.
    void rootChanged(const QString& path);
    void rootFailed(const hangar::Error& error);
    // A folder's listing arrived (the root's too).
    void directoryListed(const QString& path);
    void directoryFailed(const QString& path, const hangar::Error& error);
    // Uploads from a drop were queued (for the view to show the transfer panel).
    void uploadsQueued(int count);

private:
    struct Node {
        Kind kind = Kind::Entry;
        FsEntry entry;
        QString error;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        bool listed = false;
        quint64 request = 0; // the listing in flight, 0 when none
    };

    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column = NameColumn) const;
    int rowOf(const Node* node) const;
    Node* findNode(const QString& path) const;
    // Asks for the folder's entries (a loading row shows meanwhile, from the next event).
    void list(Node* dir);
    void startListing(quint64 generation, quint64 request, const QString& path);
    void applyListing(Node* dir, QList<FsEntry> entries);
    void showError(Node* dir, const QString& message);
    // Replaces the rows of `dir` (all of them) with `rows`.
    void replaceRows(Node* dir, std::vector<std::unique_ptr<Node>> rows);
    void forget(Node* node);
    void remember(Node* node);
    void collectListed(Node* node, QList<Node*>& out) const;
    bool isListableDir(const Node* node) const;
    QString dropTarget(const QModelIndex& parent) const;

    SandboxTools& m_tools;
    QPointer<TransferQueue> m_queue;
    QString m_sandboxId;
    std::unique_ptr<Node> m_root;
    QHash<QString, Node*> m_byPath;
    quint64 m_generation = 0; // setRoot: answers for an older root are dropped
    quint64 m_requests = 0;
    int m_pendingCalls = 0;
    bool m_rootKnown = false;
    // Files dragged out land here (one subfolder per drag) and go with the model.
    mutable std::unique_ptr<QTemporaryDir> m_dragDir;
    mutable int m_drags = 0;
};

} // namespace hangar
