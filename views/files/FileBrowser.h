#pragma once

#include "util/Async.h"
#include "util/Result.h"

#include <QHash>
#include <QMap>
#include <QPointer>
#include <QWidget>

class QAction;
class QDialog;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace hangar {

class FileEditor;
class LifecycleService;
class RemoteFileModel;
class SandboxTools;
class TransferPanel;
class TransferQueue;

// The Files tab of the detail pane: the selected sandbox's files as a lazily listed tree
// (RemoteFileModel), a path bar to type or paste a path into, editor tabs (FileEditor) and the
// transfers (TransferPanel). The context menu opens, downloads, uploads, creates, renames,
// deletes, changes modes, copies paths and opens a terminal in a folder. Errors are shown in
// place (a folder that cannot be listed, in the tree) or in the status line, with the path.
//
// Each operation is a public slot taking its arguments; the menu's actions ask for them in a
// dialog first (dialogOpened lets tests answer it).
class FileBrowser : public QWidget {
    Q_OBJECT
public:
    enum class Action {
        Open,
        Download,
        Upload,
        UploadFolder,
        NewFolder,
        NewFile,
        Rename,
        Delete,
        ChangeMode,
        CopyPath,
        OpenTerminal,
        Refresh,
        Up,
    };
    Q_ENUM(Action)

    FileBrowser(LifecycleService& lifecycle, SandboxTools& tools, QWidget* parent = nullptr);
    ~FileBrowser() override;

    // Shows the sandbox's working directory; an empty id shows nothing.
    void setSandboxId(const QString& id);
    QString sandboxId() const { return m_sandboxId; }

    RemoteFileModel* model() const { return m_model; }
    TransferQueue* transfers() const { return m_queue; }
    TransferPanel* transferPanel() const { return m_transferPanel; }
    QTreeView* tree() const { return m_tree; }
    QLineEdit* pathEdit() const { return m_path; }
    QLabel* status() const { return m_status; }
    // The editor tabs of the shown sandbox (created on first use).
    FileEditor* editor();
    QAction* action(Action which) const { return m_actions.value(which); }
    // Whether a call to the sandbox started here (a listing, an operation, an editor's load
    // or save, a transfer) is still unanswered.
    bool isBusy() const;
    // The context menu for a row (an invalid index: the root folder), as it would pop up.
    QMenu* contextMenuFor(const QModelIndex& index);

    // Checks a new name typed for an entry: non-empty, no '/', not "." or "..", no line
    // breaks or NUL. Returns the problem, empty when fine.
    static QString nameProblem(const QString& name);

public slots:
    // The path bar: a folder becomes the root; a file's folder does and the file opens.
    void goTo(const QString& path);
    void goUp();
    void refresh();

    void openPath(const QString& path);
    void createFolder(const QString& directory, const QString& name);
    void createFile(const QString& directory, const QString& name);
    void renameEntry(const QString& path, const QString& newName);
    void removeEntry(const QString& path, bool recursive);
    void changeMode(const QString& path, quint32 mode);
    void copyPath(const QString& path);
    // Queues transfers (see TransferQueue) and shows the transfer panel. Returns the job id.
    int downloadTo(const QString& path, const QString& localPath, bool isDir);
    void uploadFrom(const QStringList& localPaths, const QString& directory);

signals:
    // "Open terminal here": a shell in this folder of the shown sandbox.
    void openTerminalRequested(const QString& directory);
    // An operation (create, rename, delete, change mode, path jump) ended; message says what
    // happened (the error with its path when !ok).
    void operationFinished(bool ok, const QString& message);
    // A dialog asking for an operation's arguments is open.
    void dialogOpened(QDialog* dialog);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showRoot();
    void buildActions();
    void updateActions();
    void showContextMenu(const QPoint& position);
    void activated(const QModelIndex& index);
    void openCurrent();
    void copyCurrentPath();
    void openTerminalHere();
    // The row the actions work on (the current row), or the root when none.
    QModelIndex currentRow() const;
    QString currentDirectory() const;

    // The dialogs of the menu's actions (FileBrowserActions.cpp).
    void askNewFolder();
    void askNewFile();
    void askRename();
    void askDelete();
    void askChangeMode();
    void askDownload();
    void askUpload(bool folders);
    void showDialog(QDialog* dialog);

    // Status line: what runs now ("waking the sandbox…" first when it sleeps), or an error.
    void showBusy(const QString& text);
    void showResult(bool ok, const QString& message);
    void finishOperation(const Status& result, const QString& success,
                         const QString& refreshDirectory);
    // whenReady, counted for isBusy().
    template <typename T, typename F> void call(Task<T> task, F handle) {
        ++m_calls;
        whenReady(task, this, [this, handle = std::move(handle)](Result<T> result) mutable {
            --m_calls;
            handle(std::move(result));
        });
    }

    LifecycleService& m_lifecycle;
    SandboxTools& m_tools;
    QString m_sandboxId;
    RemoteFileModel* m_model = nullptr;
    TransferQueue* m_queue = nullptr;
    TransferPanel* m_transferPanel = nullptr;
    QTreeView* m_tree = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_editors = nullptr;
    QSplitter* m_split = nullptr;
    QHash<QString, QPointer<FileEditor>> m_editorOf; // per sandbox id
    QMap<Action, QAction*> m_actions;
    int m_calls = 0;
    bool m_shownRoot = false; // the shown sandbox's root was asked for
    QString m_pendingOpen;    // a file the path bar jumped to, opened once its folder shows
};

} // namespace hangar
