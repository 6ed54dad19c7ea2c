// FileBrowser's operations on entries and the dialogs that ask for their arguments.
#include "FileBrowser.h"

#include "RemoteFileModel.h"
#include "TransferPanel.h"
#include "TransferQueue.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeView>

namespace hangar {

namespace {

QString parentOf(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString join(const QString& dir, const QString& name) {
    return dir.endsWith(QLatin1Char('/')) ? QString(dir + name)
                                          : QString(dir + QLatin1Char('/') + name);
}

QString nameOf(const QString& path) {
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

QString FileBrowser::nameProblem(const QString& name) {
    if (name.isEmpty())
        return tr("the name is empty");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return tr("\"%1\" cannot be the name of a file or folder").arg(name);
    if (name.contains(QLatin1Char('/')))
        return tr("a name cannot contain \"/\"");
    if (name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\r')) ||
        name.contains(QChar(0)))
        return tr("a name cannot contain line breaks or NUL characters");
    return {};
}

void FileBrowser::finishOperation(const Status& result, const QString& success,
                                  const QString& refreshDirectory) {
    showResult(result.ok(), result.ok() ? success : result.error().describe());
    if (!refreshDirectory.isEmpty())
        m_model->refreshPath(refreshDirectory);
}

void FileBrowser::createFolder(const QString& directory, const QString& name) {
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return showResult(false, tr("Cannot create the folder: %1").arg(problem));
    const QString path = join(directory, name);
    const QString sandboxId = m_sandboxId;
    showBusy(tr("Creating %1…").arg(path));
    // mkdir makes parents and accepts an existing folder: ask first, so "exists" is said.
    call(m_tools.stat(sandboxId, path),
         [this, sandboxId, path, directory](Result<FsEntry> existing) {
             if (existing)
                 return finishOperation(
                     makeError(ErrorCode::AlreadyExists, tr("already exists"), path), {}, {});
             if (existing.error().code != ErrorCode::NotFound)
                 return finishOperation(existing.error(), {}, {});
             call(m_tools.mkdir(sandboxId, path), [this, path, directory](Status made) {
                 finishOperation(made, tr("Created the folder %1").arg(path), directory);
             });
         });
}

void FileBrowser::createFile(const QString& directory, const QString& name) {
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return showResult(false, tr("Cannot create the file: %1").arg(problem));
    const QString path = join(directory, name);
    const QString sandboxId = m_sandboxId;
    showBusy(tr("Creating %1…").arg(path));
    call(m_tools.stat(sandboxId, path),
         [this, sandboxId, path, directory](Result<FsEntry> existing) {
             if (existing)
                 return finishOperation(
                     makeError(ErrorCode::AlreadyExists, tr("already exists"), path), {}, {});
             if (existing.error().code != ErrorCode::NotFound)
                 return finishOperation(existing.error(), {}, {});
             WriteOptions options;
             options.makeParents = false;
             call(m_tools.writeFile(sandboxId, path, {}, options),
                  [this, path, directory](Status written) {
                      finishOperation(written, tr("Created the file %1").arg(path), directory);
                      if (written)
                          openPath(path);
                  });
         });
}

void FileBrowser::renameEntry(const QString& path, const QString& newName) {
    if (const QString problem = nameProblem(newName); !problem.isEmpty())
        return showResult(false, tr("Cannot rename %1: %2").arg(path, problem));
    const QString directory = parentOf(path);
    const QString target = join(directory, newName);
    if (target == path)
        return;
    const QString sandboxId = m_sandboxId;
    showBusy(tr("Renaming %1…").arg(path));
    // A rename would replace an existing entry of that name: refuse instead.
    call(m_tools.stat(sandboxId, target),
         [this, sandboxId, path, target, directory](Result<FsEntry> existing) {
             if (existing)
                 return finishOperation(
                     makeError(ErrorCode::AlreadyExists, tr("already exists"), target), {}, {});
             if (existing.error().code != ErrorCode::NotFound)
                 return finishOperation(existing.error(), {}, {});
             call(m_tools.rename(sandboxId, path, target),
                  [this, path, target, directory](Status renamed) {
                      finishOperation(renamed, tr("Renamed %1 to %2").arg(path, target), directory);
                  });
         });
}

void FileBrowser::removeEntry(const QString& path, bool recursive) {
    showBusy(tr("Deleting %1…").arg(path));
    call(m_tools.remove(m_sandboxId, path, recursive), [this, path](Status removed) {
        finishOperation(removed, tr("Deleted %1").arg(path), parentOf(path));
    });
}

void FileBrowser::changeMode(const QString& path, quint32 mode) {
    showBusy(tr("Changing the mode of %1…").arg(path));
    call(m_tools.chmod(m_sandboxId, path, mode), [this, path, mode](Status changed) {
        finishOperation(changed, tr("%1 has mode %2 now").arg(path, QString::number(mode, 8)),
                        parentOf(path));
    });
}

void FileBrowser::copyPath(const QString& path) {
    if (path.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(path);
    showResult(true, tr("Copied %1").arg(path));
}

int FileBrowser::downloadTo(const QString& path, const QString& localPath, bool isDir) {
    m_transferPanel->show();
    return m_queue->download(m_sandboxId, path, localPath, isDir);
}

void FileBrowser::uploadFrom(const QStringList& localPaths, const QString& directory) {
    for (const QString& local : localPaths) {
        const QString name = QFileInfo(local).fileName();
        if (!name.isEmpty())
            m_queue->upload(m_sandboxId, QFileInfo(local).absoluteFilePath(),
                            join(directory, name));
    }
    if (!localPaths.isEmpty())
        m_transferPanel->show();
}

// --- the dialogs ---------------------------------------------------------------------------

void FileBrowser::showDialog(QDialog* dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    emit dialogOpened(dialog);
}

void FileBrowser::askNewFolder() {
    const QString directory = currentDirectory();
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("newFolderDialog"));
    dialog->setWindowTitle(tr("New folder"));
    dialog->setLabelText(tr("Name of the new folder in %1:").arg(directory));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, directory](const QString& name) { createFolder(directory, name); });
    showDialog(dialog);
}

void FileBrowser::askNewFile() {
    const QString directory = currentDirectory();
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("newFileDialog"));
    dialog->setWindowTitle(tr("New file"));
    dialog->setLabelText(tr("Name of the new file in %1:").arg(directory));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, directory](const QString& name) { createFile(directory, name); });
    showDialog(dialog);
}

void FileBrowser::askRename() {
    const QModelIndex row = currentRow();
    if (!row.isValid())
        return;
    const QString path = row.data(RemoteFileModel::PathRole).toString();
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("renameDialog"));
    dialog->setWindowTitle(tr("Rename"));
    dialog->setLabelText(tr("New name of %1:").arg(path));
    dialog->setTextValue(nameOf(path));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, path](const QString& name) { renameEntry(path, name); });
    showDialog(dialog);
}

void FileBrowser::askDelete() {
    const QModelIndex row = currentRow();
    if (!row.isValid())
        return;
    const QString path = row.data(RemoteFileModel::PathRole).toString();
    const bool folder = row.data(RemoteFileModel::IsDirRole).toBool();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete"),
                                folder ? tr("Delete the folder %1 and everything in it?").arg(path)
                                       : tr("Delete %1?").arg(path),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteDialog"));
    QPushButton* remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("delete"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::finished, this, [this, box, remove, path, folder] {
        if (box->clickedButton() == remove)
            removeEntry(path, folder);
    });
    showDialog(box);
}

void FileBrowser::askChangeMode() {
    const QModelIndex row = currentRow();
    if (!row.isValid())
        return;
    const QString path = row.data(RemoteFileModel::PathRole).toString();
    const quint32 mode = row.data(RemoteFileModel::ModeRole).toUInt();
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("modeDialog"));
    dialog->setWindowTitle(tr("Change mode"));
    dialog->setLabelText(tr("New mode of %1, in octal (e.g. 644 or 755):").arg(path));
    dialog->setTextValue(QString::number(mode & 07777, 8));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, path](const QString& text) {
        static const QRegularExpression octal(QStringLiteral("^[0-7]{3,4}$"));
        if (!octal.match(text.trimmed()).hasMatch())
            return showResult(
                false, tr("\"%1\" is not a mode: give three or four octal digits").arg(text));
        changeMode(path, text.trimmed().toUInt(nullptr, 8));
    });
    showDialog(dialog);
}

void FileBrowser::askDownload() {
    const QModelIndex row = currentRow();
    if (!row.isValid())
        return;
    const QString path = row.data(RemoteFileModel::PathRole).toString();
    const bool folder = row.data(RemoteFileModel::IsDirRole).toBool();
    auto* dialog =
        new QFileDialog(this, folder ? tr("Download the folder into") : tr("Download to"));
    dialog->setObjectName(QStringLiteral("downloadDialog"));
    if (folder) {
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setDirectory(QDir::homePath());
    } else {
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->selectFile(QDir::home().filePath(nameOf(path)));
    }
    connect(dialog, &QFileDialog::fileSelected, this, [this, path, folder](const QString& chosen) {
        downloadTo(path, folder ? join(chosen, nameOf(path)) : chosen, folder);
    });
    showDialog(dialog);
}

void FileBrowser::askUpload(bool folders) {
    const QString directory = currentDirectory();
    auto* dialog = new QFileDialog(this, folders ? tr("Upload a folder to %1").arg(directory)
                                                 : tr("Upload files to %1").arg(directory));
    dialog->setObjectName(QStringLiteral("uploadDialog"));
    dialog->setFileMode(folders ? QFileDialog::Directory : QFileDialog::ExistingFiles);
    dialog->setDirectory(QDir::homePath());
    connect(dialog, &QFileDialog::filesSelected, this,
            [this, directory](const QStringList& chosen) { uploadFrom(chosen, directory); });
    showDialog(dialog);
}

} // namespace hangar
