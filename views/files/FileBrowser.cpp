#include "FileBrowser.h"

#include "EditorPage.h"
#include "FileEditor.h"
#include "RemoteFileModel.h"
#include "StatusPalette.h"
#include "TransferPanel.h"
#include "TransferQueue.h"
#include "WakeNotice.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace hangar {

namespace {

QString parentOf(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QToolButton* toolButton(QAction* action, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    return button;
}

} // namespace

FileBrowser::FileBrowser(LifecycleService& lifecycle, SandboxTools& tools, QWidget* parent)
    : QWidget(parent)
    , m_lifecycle(lifecycle)
    , m_tools(tools) {
    m_queue = new TransferQueue(tools, this);
    m_model = new RemoteFileModel(tools, this);
    m_model->setTransferQueue(m_queue);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("fileTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // 10 000 rows in a folder stay quick
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DragDrop);
    m_tree->setDefaultDropAction(Qt::CopyAction);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(RemoteFileModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &FileBrowser::showContextMenu);
    connect(m_tree, &QTreeView::activated, this, &FileBrowser::activated);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("filePath"));
    m_path->setPlaceholderText(tr("Path in the sandbox; Enter goes there"));
    m_path->setClearButtonEnabled(true);
    connect(m_path, &QLineEdit::returnPressed, this, [this] { goTo(m_path->text()); });

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("fileStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    buildActions();
    auto* bar = new QHBoxLayout;
    bar->addWidget(toolButton(action(Action::Up), this));
    bar->addWidget(m_path, 1);
    bar->addWidget(toolButton(action(Action::Refresh), this));
    bar->addWidget(toolButton(action(Action::Upload), this));
    bar->addWidget(toolButton(action(Action::NewFolder), this));

    m_editors = new QStackedWidget(this);
    auto* none = new QLabel(tr("Open a file to edit it here."), m_editors);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_editors->addWidget(none);

    m_transferPanel = new TransferPanel(*m_queue, this);
    m_transferPanel->hide(); // until something is transferred

    auto* sideBySide = new QSplitter(Qt::Horizontal, this);
    sideBySide->addWidget(m_tree);
    sideBySide->addWidget(m_editors);
    sideBySide->setStretchFactor(1, 1);
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(sideBySide);
    m_split->addWidget(m_transferPanel);
    m_split->setStretchFactor(0, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_split, 1);

    connect(m_model, &RemoteFileModel::rootChanged, this, [this](const QString& path) {
        m_path->setText(path);
        updateActions();
    });
    connect(m_model, &RemoteFileModel::rootFailed, this, [this](const Error& error) {
        showResult(false, tr("Cannot show %1: %2").arg(m_path->text(), error.describe()));
    });
    connect(m_model, &RemoteFileModel::directoryListed, this, [this](const QString& path) {
        if (path == m_model->rootPath() && !m_status->property("error").toBool())
            m_status->hide();
        if (!m_pendingOpen.isEmpty() && parentOf(m_pendingOpen) == path) {
            const QString file = std::exchange(m_pendingOpen, QString());
            m_tree->setCurrentIndex(m_model->indexForPath(file));
            openPath(file);
        }
    });
    connect(m_model, &RemoteFileModel::uploadsQueued, m_transferPanel, &QWidget::show);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &FileBrowser::updateActions);
    setSandboxId({});
}

FileBrowser::~FileBrowser() = default;

void FileBrowser::buildActions() {
    auto add = [this](Action which, const QString& text, const QString& icon,
                      void (FileBrowser::*slot)(), const QKeySequence& key = {}) {
        auto* action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_tree->addAction(action);
        m_actions.insert(which, action);
    };
    add(Action::Open, tr("&Open"), QStringLiteral("document-open"), &FileBrowser::openCurrent);
    add(Action::Download, tr("&Download…"), QStringLiteral("document-save-as"),
        &FileBrowser::askDownload);
    add(Action::NewFolder, tr("New &folder…"), QStringLiteral("folder-new"),
        &FileBrowser::askNewFolder);
    add(Action::NewFile, tr("New fi&le…"), QStringLiteral("document-new"),
        &FileBrowser::askNewFile);
    add(Action::Rename, tr("&Rename…"), QStringLiteral("edit-rename"), &FileBrowser::askRename,
        QKeySequence(Qt::Key_F2));
    add(Action::Delete, tr("De&lete…"), QStringLiteral("edit-delete"), &FileBrowser::askDelete,
        QKeySequence::Delete);
    add(Action::ChangeMode, tr("Change &mode…"), QString(), &FileBrowser::askChangeMode);
    add(Action::CopyPath, tr("&Copy path"), QStringLiteral("edit-copy"),
        &FileBrowser::copyCurrentPath);
    add(Action::OpenTerminal, tr("Open &terminal here"), QStringLiteral("utilities-terminal"),
        &FileBrowser::openTerminalHere);
    add(Action::Refresh, tr("Re&fresh"), QStringLiteral("view-refresh"), &FileBrowser::refresh,
        QKeySequence::Refresh);
    add(Action::Up, tr("&Up"), QStringLiteral("go-up"), &FileBrowser::goUp,
        QKeySequence(Qt::ALT | Qt::Key_Up));
    // Upload asks for files or for a folder (a file dialog picks one kind at a time).
    auto* upload =
        new QAction(QIcon::fromTheme(QStringLiteral("document-send")), tr("&Upload files…"), this);
    connect(upload, &QAction::triggered, this, [this] { askUpload(false); });
    m_actions.insert(Action::Upload, upload);
    auto* uploadFolder = new QAction(tr("Upload a fol&der…"), this);
    connect(uploadFolder, &QAction::triggered, this, [this] { askUpload(true); });
    m_actions.insert(Action::UploadFolder, uploadFolder);
    action(Action::Up)->setToolTip(tr("The folder above (Alt+Up)"));
}

void FileBrowser::setSandboxId(const QString& id) {
    m_sandboxId = id;
    m_pendingOpen.clear();
    m_path->clear();
    m_status->hide();
    m_status->setProperty("error", false);
    m_path->setEnabled(!id.isEmpty());
    m_model->setRoot({});
    m_shownRoot = false;
    FileEditor* tabs = m_editorOf.value(id);
    m_editors->setCurrentWidget(tabs && tabs->count() > 0 ? static_cast<QWidget*>(tabs)
                                                          : m_editors->widget(0));
    // Listed once the tab is seen: selecting a sleeping sandbox elsewhere must not wake it.
    if (isVisible())
        showRoot();
    updateActions();
}

void FileBrowser::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_shownRoot)
        showRoot();
}

void FileBrowser::showRoot() {
    m_shownRoot = true;
    if (m_sandboxId.isEmpty())
        return;
    showBusy(tr("Listing the working directory…"));
    m_model->setRoot(m_sandboxId);
}

FileEditor* FileBrowser::editor() {
    if (m_sandboxId.isEmpty())
        return nullptr;
    if (FileEditor* existing = m_editorOf.value(m_sandboxId))
        return existing;
    auto* tabs = new FileEditor(m_lifecycle, m_tools, m_sandboxId, m_editors);
    m_editors->addWidget(tabs);
    m_editorOf.insert(m_sandboxId, tabs);
    // The placeholder again once the last tab of the shown sandbox closed.
    connect(tabs, &FileEditor::pagesChanged, this, [this, tabs] {
        if (tabs->sandboxId() == m_sandboxId)
            m_editors->setCurrentWidget(tabs->count() > 0 ? static_cast<QWidget*>(tabs)
                                                          : m_editors->widget(0));
    });
    return tabs;
}

bool FileBrowser::isBusy() const {
    if (m_calls > 0 || m_model->pendingCalls() > 0 || !m_queue->isIdle())
        return true;
    return std::any_of(m_editorOf.cbegin(), m_editorOf.cend(),
                       [](const QPointer<FileEditor>& tabs) { return tabs && tabs->isBusy(); });
}

QModelIndex FileBrowser::currentRow() const {
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() ||
        current.data(RemoteFileModel::KindRole).toInt() != int(RemoteFileModel::Kind::Entry))
        return {};
    return current.siblingAtColumn(RemoteFileModel::NameColumn);
}

QString FileBrowser::currentDirectory() const {
    return m_model->directoryFor(currentRow());
}

void FileBrowser::updateActions() {
    const bool ready = !m_sandboxId.isEmpty() && !m_model->rootPath().isEmpty();
    const QModelIndex row = currentRow();
    const bool entry = ready && row.isValid();
    const bool folder = entry && row.data(RemoteFileModel::IsDirRole).toBool();
    action(Action::Open)->setEnabled(entry);
    action(Action::Download)->setEnabled(entry);
    action(Action::Rename)->setEnabled(entry);
    action(Action::Delete)->setEnabled(entry);
    action(Action::ChangeMode)->setEnabled(entry);
    action(Action::CopyPath)->setEnabled(ready);
    action(Action::Upload)->setEnabled(ready);
    action(Action::UploadFolder)->setEnabled(ready);
    action(Action::NewFolder)->setEnabled(ready);
    action(Action::NewFile)->setEnabled(ready);
    action(Action::OpenTerminal)->setEnabled(ready && (folder || !entry));
    action(Action::Refresh)->setEnabled(!m_sandboxId.isEmpty());
    action(Action::Up)->setEnabled(ready && m_model->rootPath() != QLatin1String("/"));
}

QMenu* FileBrowser::contextMenuFor(const QModelIndex& index) {
    m_tree->setCurrentIndex(index);
    updateActions();
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QModelIndex row = currentRow();
    if (row.isValid())
        menu->addAction(action(Action::Open));
    menu->addAction(action(Action::Download));
    menu->addAction(action(Action::Upload));
    menu->addAction(action(Action::UploadFolder));
    menu->addSeparator();
    menu->addAction(action(Action::NewFolder));
    menu->addAction(action(Action::NewFile));
    menu->addAction(action(Action::Rename));
    menu->addAction(action(Action::Delete));
    menu->addAction(action(Action::ChangeMode));
    menu->addSeparator();
    menu->addAction(action(Action::CopyPath));
    menu->addAction(action(Action::OpenTerminal));
    menu->addSeparator();
    menu->addAction(action(Action::Refresh));
    return menu;
}

void FileBrowser::showContextMenu(const QPoint& position) {
    if (m_sandboxId.isEmpty())
        return;
    QMenu* menu = contextMenuFor(m_tree->indexAt(position));
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

void FileBrowser::activated(const QModelIndex& index) {
    if (index.data(RemoteFileModel::KindRole).toInt() != int(RemoteFileModel::Kind::Entry))
        return;
    // Folders open in the tree itself; files and links in the editor.
    if (!index.data(RemoteFileModel::IsDirRole).toBool())
        openPath(index.data(RemoteFileModel::PathRole).toString());
}

void FileBrowser::openCurrent() {
    const QModelIndex row = currentRow();
    if (!row.isValid())
        return;
    if (row.data(RemoteFileModel::IsDirRole).toBool())
        m_tree->expand(row);
    else
        openPath(row.data(RemoteFileModel::PathRole).toString());
}

void FileBrowser::openPath(const QString& path) {
    FileEditor* tabs = editor();
    if (!tabs)
        return;
    tabs->openFile(path);
    m_editors->setCurrentWidget(tabs);
}

void FileBrowser::copyCurrentPath() {
    const QModelIndex row = currentRow();
    copyPath(row.isValid() ? row.data(RemoteFileModel::PathRole).toString() : m_model->rootPath());
}

void FileBrowser::openTerminalHere() {
    const QString directory = currentDirectory();
    if (!directory.isEmpty())
        emit openTerminalRequested(directory);
}

void FileBrowser::goTo(const QString& typed) {
    if (m_sandboxId.isEmpty())
        return;
    const QString path = typed.trimmed().isEmpty() ? QStringLiteral(".") : typed.trimmed();
    showBusy(tr("Going to %1…").arg(path));
    const QString sandboxId = m_sandboxId;
    call(m_tools.stat(sandboxId, path), [this, sandboxId, path](Result<FsEntry> st) {
        if (sandboxId != m_sandboxId)
            return;
        if (!st) {
            // The tree stays where it was; the path bar keeps what was typed to fix it.
            showResult(false, tr("Cannot go to %1: %2").arg(path, st.error().describe()));
            return;
        }
        const FsEntry& entry = st.value();
        if (entry.isDir && !entry.isSymlink) {
            m_model->setRoot(sandboxId, entry.path);
        } else {
            m_pendingOpen = entry.path;
            m_model->setRoot(sandboxId, parentOf(entry.path));
        }
        showResult(true, {});
    });
}

void FileBrowser::goUp() {
    const QString root = m_model->rootPath();
    if (root.isEmpty() || root == QLatin1String("/"))
        return;
    goTo(parentOf(root));
}

void FileBrowser::refresh() {
    if (m_sandboxId.isEmpty())
        return;
    m_status->setProperty("error", false);
    m_status->hide();
    m_model->refreshAll();
}

void FileBrowser::showBusy(const QString& text) {
    m_status->setProperty("error", false);
    m_status->setPalette(palette());
    m_status->setText(isAsleep(m_lifecycle, m_sandboxId)
                          ? QString(tr("Waking the sandbox…") + QLatin1Char(' ') + text)
                          : text);
    m_status->show();
}

void FileBrowser::showResult(bool ok, const QString& message) {
    m_status->setProperty("error", !ok);
    QPalette colours = palette();
    if (!ok)
        colours.setColor(QPalette::WindowText,
                         StatusPalette::color(SandboxState::Failed, palette()));
    m_status->setPalette(colours);
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    emit operationFinished(ok, message);
}

} // namespace hangar
