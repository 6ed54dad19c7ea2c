#include "RemoteFileModel.h"

#include "StatusPalette.h"
#include "TransferQueue.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QAbstractFileIconProvider>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace hangar {

const QString RemoteFileModel::RemotePathsMimeType =
    QStringLiteral("application/x-hangar-remote-paths");

namespace {

bool isFolder(const FsEntry& e) {
    return e.isDir && !e.isSymlink;
}

// Folders first, then by name as a person reads it.
bool before(const FsEntry& a, const FsEntry& b) {
    if (isFolder(a) != isFolder(b))
        return isFolder(a);
    const int folded = QString::compare(a.name, b.name, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a.name < b.name;
}

bool sameEntry(const FsEntry& a, const FsEntry& b) {
    return a.name == b.name && isFolder(a) == isFolder(b);
}

// What makes a row the same row across listings: its name and whether it is a folder.
QString identity(const FsEntry& e) {
    return (isFolder(e) ? QLatin1Char('d') : QLatin1Char('f')) + e.name;
}

bool sameData(const FsEntry& a, const FsEntry& b) {
    return a.path == b.path && a.isSymlink == b.isSymlink && a.size == b.size && a.mode == b.mode &&
           a.modified == b.modified && a.linkTarget == b.linkTarget;
}

QString parentPath(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

const QAbstractFileIconProvider& iconProvider() {
    static const QAbstractFileIconProvider provider;
    return provider;
}

} // namespace

RemoteFileModel::RemoteFileModel(SandboxTools& tools, QObject* parent)
    : QAbstractItemModel(parent)
    , m_tools(tools)
    , m_root(std::make_unique<Node>()) {
    m_root->listed = true; // nothing to list before setRoot
}

RemoteFileModel::~RemoteFileModel() = default;

void RemoteFileModel::setTransferQueue(TransferQueue* queue) {
    if (m_queue)
        m_queue->disconnect(this);
    m_queue = queue;
    if (!queue)
        return;
    // What a drop uploaded shows up in its folder once it is there.
    connect(queue, &TransferQueue::settled, this,
            [this](int, const QString& sandboxId, const QString& remotePath,
                   TransferQueue::Direction direction, bool) {
                if (direction == TransferQueue::Direction::Upload && sandboxId == m_sandboxId)
                    refreshPath(parentPath(remotePath));
            });
}

void RemoteFileModel::setRoot(const QString& sandboxId, const QString& path) {
    beginResetModel();
    ++m_generation;
    m_sandboxId = sandboxId;
    m_byPath.clear();
    m_root = std::make_unique<Node>();
    m_root->entry.path = path;
    m_root->entry.isDir = true;
    m_rootKnown = false;
    m_root->listed = sandboxId.isEmpty();
    if (!sandboxId.isEmpty()) {
        auto loading = std::make_unique<Node>();
        loading->kind = Kind::LoadingRow;
        loading->parent = m_root.get();
        m_root->children.push_back(std::move(loading));
        m_root->request = ++m_requests;
    }
    endResetModel();
    if (sandboxId.isEmpty())
        return;
    const quint64 generation = m_generation;
    ++m_pendingCalls;
    whenReady(m_tools.stat(sandboxId, path), this, [this, generation](Result<FsEntry> stat) {
        --m_pendingCalls;
        if (generation != m_generation)
            return;
        m_root->request = 0;
        if (stat && !isFolder(stat.value()))
            stat = makeError(ErrorCode::NotADirectory, tr("not a folder"), stat.value().path);
        if (!stat) {
            showError(m_root.get(), stat.error().describe());
            emit rootFailed(stat.error());
            return;
        }
        m_root->entry = stat.value();
        m_rootKnown = true;
        m_byPath.insert(m_root->entry.path, m_root.get());
        emit rootChanged(m_root->entry.path);
        list(m_root.get());
    });
}

QString RemoteFileModel::rootPath() const {
    return m_rootKnown ? m_root->entry.path : QString();
}

bool RemoteFileModel::isRootLoading() const {
    return m_root->request != 0;
}

RemoteFileModel::Node* RemoteFileModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

int RemoteFileModel::rowOf(const Node* node) const {
    const auto& siblings = node->parent->children;
    const auto it = std::find_if(siblings.begin(), siblings.end(),
                                 [node](const auto& child) { return child.get() == node; });
    return int(it - siblings.begin());
}

QModelIndex RemoteFileModel::indexOf(const Node* node, int column) const {
    if (!node || node == m_root.get())
        return {};
    return createIndex(rowOf(node), column, const_cast<Node*>(node));
}

RemoteFileModel::Node* RemoteFileModel::findNode(const QString& path) const {
    return m_byPath.value(path);
}

QModelIndex RemoteFileModel::indexForPath(const QString& path, int column) const {
    const Node* node = findNode(path);
    return node ? indexOf(node, column) : QModelIndex();
}

FsEntry RemoteFileModel::entryAt(const QModelIndex& index) const {
    const Node* node = nodeOf(index);
    return node->kind == Kind::Entry ? node->entry : FsEntry{};
}

QString RemoteFileModel::directoryFor(const QModelIndex& index) const {
    const Node* node = nodeOf(index);
    if (node->kind == Kind::Entry && isFolder(node->entry))
        return node->entry.path;
    const Node* dir = node->parent ? node->parent : m_root.get();
    return dir == m_root.get() ? rootPath() : dir->entry.path;
}

bool RemoteFileModel::isListableDir(const Node* node) const {
    if (node == m_root.get())
        return m_rootKnown;
    return node->kind == Kind::Entry && isFolder(node->entry);
}

void RemoteFileModel::remember(Node* node) {
    if (node->kind == Kind::Entry)
        m_byPath.insert(node->entry.path, node);
}

void RemoteFileModel::forget(Node* node) {
    for (const auto& child : node->children)
        forget(child.get());
    if (node->kind == Kind::Entry && m_byPath.value(node->entry.path) == node)
        m_byPath.remove(node->entry.path);
}

void RemoteFileModel::list(Node* dir) {
    if (!isListableDir(dir) || dir->request != 0)
        return;
    const quint64 request = ++m_requests;
    dir->request = request;
    const quint64 generation = m_generation;
    const QString path = dir->entry.path;
    // Rows change later, never inside the call that asked: fetchMore runs inside the view's
    // (and QAbstractItemModelTester's) own bookkeeping.
    QMetaObject::invokeMethod(
        this, [this, generation, request, path] { startListing(generation, request, path); },
        Qt::QueuedConnection);
}

void RemoteFileModel::startListing(quint64 generation, quint64 request, const QString& path) {
    Node* dir = generation == m_generation ? findNode(path) : nullptr;
    if (!dir || dir->request != request)
        return;
    // A folder listed for the first time shows that it is loading; a refresh keeps its rows.
    if (dir->children.empty()) {
        auto loading = std::make_unique<Node>();
        loading->kind = Kind::LoadingRow;
        loading->parent = dir;
        beginInsertRows(indexOf(dir), 0, 0);
        dir->children.push_back(std::move(loading));
        endInsertRows();
    } else if (dir != m_root.get()) {
        const QModelIndex at = indexOf(dir);
        emit dataChanged(at, at, {LoadingRole});
    }
    ++m_pendingCalls;
    whenReady(m_tools.readdir(m_sandboxId, path), this,
              [this, generation, request, path](Result<QList<FsEntry>> listed) {
                  --m_pendingCalls;
                  if (generation != m_generation)
                      return;
                  Node* node = findNode(path);
                  if (!node || node->request != request)
                      return; // gone, or listed again meanwhile
                  node->request = 0;
                  if (!listed) {
                      showError(node, listed.error().describe());
                      emit directoryFailed(path, listed.error());
                      return;
                  }
                  applyListing(node, std::move(listed).value());
                  emit directoryListed(path);
              });
}

void RemoteFileModel::replaceRows(Node* dir, std::vector<std::unique_ptr<Node>> rows) {
    const QModelIndex parent = indexOf(dir);
    if (!dir->children.empty()) {
        beginRemoveRows(parent, 0, int(dir->children.size()) - 1);
        for (const auto& child : dir->children)
            forget(child.get());
        dir->children.clear();
        endRemoveRows();
    }
    if (rows.empty())
        return;
    beginInsertRows(parent, 0, int(rows.size()) - 1);
    for (auto& row : rows) {
        row->parent = dir;
        remember(row.get());
        dir->children.push_back(std::move(row));
    }
    endInsertRows();
}

void RemoteFileModel::showError(Node* dir, const QString& message) {
    auto error = std::make_unique<Node>();
    error->kind = Kind::ErrorRow;
    error->error = message;
    std::vector<std::unique_ptr<Node>> rows;
    rows.push_back(std::move(error));
    replaceRows(dir, std::move(rows));
    dir->listed = true; // refresh() tries again
    if (dir != m_root.get()) {
        const QModelIndex at = indexOf(dir);
        emit dataChanged(at, at, {LoadingRole});
    }
}

void RemoteFileModel::applyListing(Node* dir, QList<FsEntry> entries) {
    std::sort(entries.begin(), entries.end(), before);
    const QModelIndex parent = indexOf(dir);
    const bool placeholders = std::any_of(dir->children.begin(), dir->children.end(),
                                          [](const auto& c) { return c->kind != Kind::Entry; });
    if (placeholders || dir->children.empty()) {
        std::vector<std::unique_ptr<Node>> rows;
        rows.reserve(size_t(entries.size()));
        for (FsEntry& entry : entries) {
            auto node = std::make_unique<Node>();
            node->entry = std::move(entry);
            rows.push_back(std::move(node));
        }
        replaceRows(dir, std::move(rows));
    } else {
        // A refresh: rows still there keep their place and their listed subfolders. Both
        // lists are in the same order, so the survivors are a subsequence of the new list.
        auto& children = dir->children;
        QSet<QString> keys; // a set: 10 000 rows must not cost 10 000 x 10 000 comparisons
        keys.reserve(entries.size());
        for (const FsEntry& e : std::as_const(entries))
            keys.insert(identity(e));
        auto gone = [&](int row) { return !keys.contains(identity(children[size_t(row)]->entry)); };
        // Removed in runs of neighbouring rows, from the end.
        for (int last = int(children.size()) - 1; last >= 0; --last) {
            if (!gone(last))
                continue;
            int first = last;
            while (first > 0 && gone(first - 1))
                --first;
            beginRemoveRows(parent, first, last);
            for (int row = first; row <= last; ++row)
                forget(children[size_t(row)].get());
            children.erase(children.begin() + first, children.begin() + last + 1);
            endRemoveRows();
            last = first;
        }
        for (int row = 0; row < entries.size(); ++row) {
            const FsEntry& entry = entries.at(row);
            if (size_t(row) < children.size() && sameEntry(children[size_t(row)]->entry, entry)) {
                Node* existing = children[size_t(row)].get();
                if (!sameData(existing->entry, entry)) {
                    m_byPath.remove(existing->entry.path);
                    existing->entry = entry;
                    remember(existing);
                    emit dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
                }
                continue;
            }
            auto node = std::make_unique<Node>();
            node->entry = entry;
            node->parent = dir;
            beginInsertRows(parent, row, row);
            remember(node.get());
            children.insert(children.begin() + row, std::move(node));
            endInsertRows();
        }
    }
    dir->listed = true;
    if (dir != m_root.get())
        emit dataChanged(parent, parent, {LoadingRole});
}

void RemoteFileModel::refresh(const QModelIndex& index) {
    Node* node = nodeOf(index);
    if (node->kind != Kind::Entry)
        node = node->parent ? node->parent : m_root.get();
    if (node == m_root.get() && !m_rootKnown) {
        setRoot(m_sandboxId, m_root->entry.path); // the root itself failed: try it again
        return;
    }
    if (!isListableDir(node))
        node = node->parent ? node->parent : m_root.get();
    list(node);
}

void RemoteFileModel::collectListed(Node* node, QList<Node*>& out) const {
    if (!isListableDir(node) || !node->listed)
        return;
    out.append(node);
    for (const auto& child : node->children)
        collectListed(child.get(), out);
}

void RemoteFileModel::refreshAll() {
    if (!m_rootKnown) {
        refresh();
        return;
    }
    QList<Node*> listed;
    collectListed(m_root.get(), listed);
    // By path: a refresh may remove a folder listed further down before its turn.
    QStringList paths;
    for (const Node* node : std::as_const(listed))
        paths.append(node->entry.path);
    for (const QString& path : std::as_const(paths)) {
        if (Node* node = findNode(path))
            list(node);
    }
}

void RemoteFileModel::refreshPath(const QString& path) {
    Node* node = findNode(path);
    if (node && node->listed)
        list(node);
}

QString RemoteFileModel::modeText(const FsEntry& entry) {
    QString text;
    text += entry.isSymlink ? QLatin1Char('l') : entry.isDir ? QLatin1Char('d') : QLatin1Char('-');
    static const char kLetters[] = "rwxrwxrwx";
    for (int bit = 0; bit < 9; ++bit)
        text += (entry.mode & (0400u >> bit)) ? QLatin1Char(kLetters[bit]) : QLatin1Char('-');
    return text + QLatin1Char(' ') + QString::number(entry.mode & 07777, 8);
}

QModelIndex RemoteFileModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    const Node* dir = nodeOf(parent);
    return createIndex(row, column, dir->children[size_t(row)].get());
}

QModelIndex RemoteFileModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int RemoteFileModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RemoteFileModel::columnCount(const QModelIndex& parent) const {
    return parent.column() > 0 ? 0 : ColumnCount;
}

bool RemoteFileModel::hasChildren(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return false;
    const Node* node = nodeOf(parent);
    if (!node->children.empty())
        return true;
    // Not listed yet: it might have some (the view shows an expander and asks).
    return isListableDir(node) && !node->listed;
}

bool RemoteFileModel::canFetchMore(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return false;
    const Node* node = nodeOf(parent);
    return isListableDir(node) && !node->listed && node->request == 0;
}

void RemoteFileModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        list(nodeOf(parent));
}

QVariant RemoteFileModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    if (role == KindRole)
        return int(node->kind);
    if (node->kind != Kind::Entry) {
        const bool name = index.column() == NameColumn;
        const QString dir = node->parent == m_root.get() ? rootPath() : node->parent->entry.path;
        switch (role) {
        case Qt::DisplayRole:
            if (!name)
                return {};
            return node->kind == Kind::LoadingRow ? tr("loading…") : node->error;
        case Qt::ToolTipRole:
        case ErrorRole:
            return node->kind == Kind::ErrorRow ? node->error : QVariant();
        case Qt::ForegroundRole:
            if (node->kind == Kind::ErrorRow)
                return StatusPalette::color(SandboxState::Failed, QGuiApplication::palette());
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        case Qt::DecorationRole:
            if (name && node->kind == Kind::ErrorRow)
                return QIcon::fromTheme(QStringLiteral("dialog-error"));
            return {};
        case PathRole:
            return dir;
        default:
            return {};
        }
    }
    const FsEntry& e = node->entry;
    switch (role) {
    case PathRole:
        return e.path;
    case IsDirRole:
        return isFolder(e);
    case IsSymlinkRole:
        return e.isSymlink;
    case SizeRole:
        return e.size;
    case ModeRole:
        return e.mode;
    case ModifiedRole:
        return e.modified;
    case LinkTargetRole:
        return e.linkTarget;
    case LoadingRole:
        return node->request != 0;
    case Qt::EditRole:
        return index.column() == NameColumn ? QVariant(e.name) : QVariant();
    case Qt::ToolTipRole:
        return e.isSymlink ? tr("%1 → %2").arg(e.path, e.linkTarget) : e.path;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        if (e.isSymlink)
            return QIcon::fromTheme(QStringLiteral("emblem-symbolic-link"),
                                    iconProvider().icon(QAbstractFileIconProvider::File));
        return iconProvider().icon(isFolder(e) ? QAbstractFileIconProvider::Folder
                                               : QAbstractFileIconProvider::File);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return e.isSymlink ? tr("%1 → %2").arg(e.name, e.linkTarget) : e.name;
    case SizeColumn:
        return isFolder(e) ? QString() : QLocale().formattedDataSize(e.size);
    case ModeColumn:
        return modeText(e);
    case ModifiedColumn:
        return QLocale().toString(e.modified.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant RemoteFileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModeColumn:
        return tr("Mode");
    case ModifiedColumn:
        return tr("Modified");
    default:
        return {};
    }
}

Qt::ItemFlags RemoteFileModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return m_rootKnown ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    const Node* node = nodeOf(index);
    if (node->kind != Kind::Entry)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (isFolder(node->entry))
        flags |= Qt::ItemIsDropEnabled;
    else
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

} // namespace hangar
