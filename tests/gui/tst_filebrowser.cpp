// The Files tab with real widgets over a real engine: browse, jump with the path bar, edit and
// save, the conflict question when the file changed in the sandbox meanwhile, binary and
// oversized files read-only, new folder/file, rename, delete, change mode (through their
// dialogs), downloads and uploads with progress and cancel, and refusals of `..` and symlink
// escapes shown as errors. Run twice: on the local backend and on Sprites through the emulator.
#include "CodeEditor.h"
#include "EditorPage.h"
#include "FileBrowser.h"
#include "FileEditor.h"
#include "FilesRig.h"
#include "RemoteFileModel.h"
#include "SuiteArguments.h"
#include "TransferPanel.h"
#include "TransferQueue.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace hangar;

namespace {
// "a|b|c" -> {"a", "b", "c"}
QStringList listOf(const char* list) {
    return QString::fromUtf8(list).split(QLatin1Char('|'));
}
} // namespace
using hangar::test::kFilesWaitMs;
using hangar::test::readLocal;
using hangar::test::writeLocal;

class TstFileBrowser : public QObject {
    Q_OBJECT
public:
    explicit TstFileBrowser(QString backend)
        : m_backend(std::move(backend)) {}

private slots:
    void initTestCase() {
        qRegisterMetaType<QDialog*>();
        qRegisterMetaType<QMessageBox*>();
    }

    void init() {
        m_rig = std::make_unique<test::FilesRig>();
        QVERIFY2(m_rig->open(m_backend), qPrintable(m_rig->error));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("notes.txt"), "hello\nworld\n"));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("src/main.c"), "int main;\n"));
        m_browser = std::make_unique<FileBrowser>(*m_rig->lifecycle, *m_rig->tools);
        m_browser->resize(1000, 700);
    }
    void cleanup() {
        // What the browser asked of the sandbox is answered before the engine goes.
        QTRY_VERIFY_WITH_TIMEOUT(!m_browser->isBusy(), kFilesWaitMs);
        m_browser.reset();
        m_rig.reset();
    }

    void browsesTheWorkingDirectory() {
        // Not listed while the tab is not shown (selecting a sandbox must not wake it).
        m_browser->setSandboxId(m_rig->id);
        QCOMPARE(m_browser->model()->rowCount(), 0);
        show();
        QCOMPARE(names(), (listOf("src|notes.txt")));
        // Opening a folder in the tree lists it.
        const QModelIndex src = indexOf(QStringLiteral("src"));
        m_browser->tree()->expand(src);
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(QStringLiteral("src/main.c")).isValid(), kFilesWaitMs);
        QVERIFY(m_browser->tree()->isExpanded(src));
    }

    void pathBarJumps() {
        show();
        // A folder becomes the root.
        typePath(QStringLiteral("src"));
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rootPath(), m_rig->path("src"), kFilesWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(names(), listOf("main.c"), kFilesWaitMs);
        QCOMPARE(m_browser->pathEdit()->text(), m_rig->path("src"));
        // Up goes back.
        m_browser->action(FileBrowser::Action::Up)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_browser->model()->rootPath(), m_rig->root, kFilesWaitMs);
        // A file: its folder is shown and the file opens.
        typePath(m_rig->path("src/main.c"));
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->editor() && m_browser->editor()->currentPage(),
                                 kFilesWaitMs);
        EditorPage* page = m_browser->editor()->currentPage();
        QCOMPARE(page->path(), m_rig->path("src/main.c"));
        QTRY_VERIFY_WITH_TIMEOUT(page->isLoaded(), kFilesWaitMs);
        QCOMPARE(page->editor()->toPlainText(), QStringLiteral("int main;\n"));
        // A path that is not there: said, with the path; the tree stays.
        typePath(QStringLiteral("no such dir"));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_browser->status()->isVisible() &&
                m_browser->status()->text().contains(QLatin1String("no such dir")),
            kFilesWaitMs);
        QCOMPARE(m_browser->model()->rootPath(), m_rig->path("src"));
    }

    void refusesEscapes() {
        show();
        QVERIFY(m_rig->symlink(QStringLiteral("escape"), QStringLiteral("/etc")));
        // `..` above the working directory.
        QSignalSpy finished(m_browser.get(), &FileBrowser::operationFinished);
        typePath(m_rig->root + QStringLiteral("/.."));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFilesWaitMs);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(m_browser->status()->text().contains(QLatin1String("outside")),
                 qPrintable(m_browser->status()->text()));
        QCOMPARE(m_browser->model()->rootPath(), m_rig->root);
        // Through a link that leads out: the editor says so and shows nothing of it.
        m_browser->openPath(m_rig->path("escape/passwd"));
        EditorPage* page = m_browser->editor()->currentPage();
        QTRY_VERIFY2_WITH_TIMEOUT(page->status()->text().contains(QLatin1String("outside")),
                                  qPrintable(page->status()->text()), kFilesWaitMs);
        QVERIFY(!page->isLoaded());
        QVERIFY(page->editor()->toPlainText().isEmpty());
        // Creating through it is refused too.
        finished.clear();
        m_browser->createFolder(m_rig->path("escape"), QStringLiteral("x"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFilesWaitMs);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/x")));
    }

    void wakesAHibernatedSandboxVisibly() {
        QVERIFY(m_rig->hibernate());
        QCOMPARE(m_rig->state(), SandboxState::Hibernated);
        m_browser->show();
        m_browser->setSandboxId(m_rig->id);
        QVERIFY2(m_browser->status()->text().contains(QLatin1String("Waking")),
                 qPrintable(m_browser->status()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(names(), (listOf("src|notes.txt")), kFilesWaitMs);
        QCOMPARE(m_rig->state(), SandboxState::Active);
        QTRY_VERIFY_WITH_TIMEOUT(!m_browser->status()->isVisible(), kFilesWaitMs);
    }

    void editsAndSaves() {
        show();
        EditorPage* page = open(QStringLiteral("notes.txt"));
        QVERIFY(page);
        QVERIFY(!page->isReadOnly());
        QCOMPARE(page->editor()->toPlainText(), QStringLiteral("hello\nworld\n"));
        QVERIFY(page->editor()->lineNumberAreaWidth() > 0);
        page->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(page->editor(), QStringLiteral("more \"quoted\" $(text)"));
        QTest::keyClick(page->editor(), Qt::Key_Return);
        QVERIFY(page->isModified());
        QVERIFY(m_browser->editor()->tabText(0).endsWith(QLatin1Char('*')));
        QSignalSpy saved(page, &EditorPage::saved);
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kFilesWaitMs);
        QCOMPARE(m_rig->read(QStringLiteral("notes.txt")).value(),
                 QByteArray("hello\nworld\nmore \"quoted\" $(text)\n"));
        QVERIFY(!page->isModified());
        // Saving again right away is no conflict: the base moved with the save.
        page->editor()->appendPlainText(QStringLiteral("again"));
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, kFilesWaitMs);
        QVERIFY(m_rig->read(QStringLiteral("notes.txt")).value().endsWith("again"));

        // Find: Ctrl+F opens the bar; Enter finds, wrapping around.
        QApplication::setActiveWindow(m_browser.get());
        QVERIFY(QTest::qWaitForWindowActive(m_browser.get()));
        page->editor()->setFocus();
        QTest::keySequence(page->editor(), QKeySequence::Find);
        QVERIFY(page->findEdit()->isVisible());
        page->findEdit()->setText(QStringLiteral("world"));
        QTest::keyClick(page->findEdit(), Qt::Key_Return);
        QCOMPARE(page->editor()->textCursor().selectedText(), QStringLiteral("world"));
        QVERIFY(page->findNext()); // wraps to the same match
        page->findEdit()->setText(QStringLiteral("absent"));
        QVERIFY(!page->findNext());
    }

    void saveAsksWhenTheFileChangedMeanwhile() {
        show();
        EditorPage* page = open(QStringLiteral("notes.txt"));
        QVERIFY(page);
        QSignalSpy asked(page, &EditorPage::conflictAsked);
        QSignalSpy saved(page, &EditorPage::saved);

        // Cancel: nothing is written.
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("notes.txt"), "changed by an agent\n"));
        page->editor()->setPlainText(QStringLiteral("mine\n"));
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 1, kFilesWaitMs);
        answer(asked.at(0).at(0).value<QMessageBox*>(), QStringLiteral("cancel"));
        QCOMPARE(m_rig->read(QStringLiteral("notes.txt")).value(),
                 QByteArray("changed by an agent\n"));
        QCOMPARE(page->editor()->toPlainText(), QStringLiteral("mine\n"));

        // Reload: the sandbox's version replaces the text.
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 2, kFilesWaitMs);
        QSignalSpy loaded(page, &EditorPage::loaded);
        answer(asked.at(1).at(0).value<QMessageBox*>(), QStringLiteral("reload"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kFilesWaitMs);
        QCOMPARE(page->editor()->toPlainText(), QStringLiteral("changed by an agent\n"));

        // Overwrite: ours wins.
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("notes.txt"), "changed once more\n"));
        page->editor()->setPlainText(QStringLiteral("mine after all\n"));
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 3, kFilesWaitMs);
        answer(asked.at(2).at(0).value<QMessageBox*>(), QStringLiteral("overwrite"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kFilesWaitMs);
        QCOMPARE(m_rig->read(QStringLiteral("notes.txt")).value(), QByteArray("mine after all\n"));

        // Deleted meanwhile: asked too.
        HANGAR_VERIFY_OK(
            await(m_rig->backend().remove(m_rig->name, m_rig->path("notes.txt"), false)));
        page->editor()->appendPlainText(QStringLiteral("x"));
        page->save();
        QTRY_COMPARE_WITH_TIMEOUT(asked.count(), 4, kFilesWaitMs);
        QVERIFY(asked.at(3).at(0).value<QMessageBox*>()->text().contains(QLatin1String("deleted")));
        answer(asked.at(3).at(0).value<QMessageBox*>(), QStringLiteral("cancel"));
    }

    void binaryAndOversizedFilesAreReadOnly() {
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("blob.bin"), QByteArray("\x7f"
                                                                             "ELF\0\x01\x02",
                                                                             7)));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("latin1.txt"), QByteArray("caf\xe9\n")));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("huge.log"),
                                      QByteArray(EditorPage::kMaxEditBytes + 1, 'x')));
        show();
        for (const QString& name : {QStringLiteral("blob.bin"), QStringLiteral("latin1.txt")}) {
            EditorPage* page = open(name);
            QVERIFY(page);
            QVERIFY2(page->isReadOnly(), qPrintable(name));
            QVERIFY(page->editor()->isReadOnly());
            QVERIFY(page->notice()->isVisible());
            QVERIFY2(page->notice()->text().contains(QLatin1String("binary")),
                     qPrintable(page->notice()->text()));
            QVERIFY(m_browser->editor()
                        ->tabText(m_browser->editor()->currentIndex())
                        .contains(QLatin1String("read-only")));
        }
        QVERIFY(m_browser->editor()->currentPage()->editor()->toPlainText().startsWith(
            QLatin1String("00000000  63 61 66 e9")));
        EditorPage* huge = open(QStringLiteral("huge.log"));
        QVERIFY(huge);
        QVERIFY(huge->isReadOnly());
        QVERIFY(huge->editor()->toPlainText().isEmpty());
        QVERIFY2(huge->notice()->text().contains(QLatin1String("over")),
                 qPrintable(huge->notice()->text()));
        // Saving a read-only page writes nothing.
        QSignalSpy saved(huge, &EditorPage::saved);
        huge->save();
        QCOMPARE(saved.count(), 0);
    }

    void createsRenamesDeletesAndChangesModes() {
        show();
        QSignalSpy dialogs(m_browser.get(), &FileBrowser::dialogOpened);
        QSignalSpy finished(m_browser.get(), &FileBrowser::operationFinished);
        // New folder, from the menu of the empty area (the root).
        QMenu* menu = m_browser->contextMenuFor({});
        QVERIFY(menu->actions().contains(m_browser->action(FileBrowser::Action::NewFolder)));
        delete menu;
        m_browser->action(FileBrowser::Action::NewFolder)->trigger();
        QCOMPARE(dialogs.count(), 1);
        inputAnswer(dialogs.at(0).at(0).value<QDialog*>(), QStringLiteral("new dir"));
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(QStringLiteral("new dir")).isValid(), kFilesWaitMs);
        QVERIFY(m_rig->stat(QStringLiteral("new dir")).value().isDir);
        // Again: it exists already, which is said with the path.
        m_browser->createFolder(m_rig->root, QStringLiteral("new dir"));
        QTRY_VERIFY_WITH_TIMEOUT(lastFailed(finished).contains(m_rig->path("new dir")),
                                 kFilesWaitMs);

        // New file inside it: a name with quotes, spaces and $() is just a name.
        const QString odd = QStringLiteral("it's \"odd\" $(rm -rf x).txt");
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("new dir")));
        m_browser->action(FileBrowser::Action::NewFile)->trigger();
        inputAnswer(dialogs.last().at(0).value<QDialog*>(), odd);
        QTRY_VERIFY_WITH_TIMEOUT(m_rig->stat(QStringLiteral("new dir/") + odd).ok(), kFilesWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_browser->editor()->page(m_rig->path(QStringLiteral("new dir/") + odd)), kFilesWaitMs);
        // Names that are not names: refused, nothing made.
        for (const QString& bad : {QStringLiteral("../up"), QStringLiteral("two\nlines"),
                                   QStringLiteral(".."), QString()}) {
            const qsizetype before = finished.count();
            m_browser->createFile(m_rig->root, bad);
            QCOMPARE(finished.count(), before + 1);
            QCOMPARE(finished.last().at(0).toBool(), false);
            QVERIFY(m_browser->status()->isVisible());
        }
        QVERIFY(!m_rig->stat(QStringLiteral("../up")).ok());

        // Rename (F2's action) notes.txt -> renamed.txt.
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("notes.txt")));
        m_browser->action(FileBrowser::Action::Rename)->trigger();
        auto* rename = qobject_cast<QInputDialog*>(dialogs.last().at(0).value<QDialog*>());
        QVERIFY(rename);
        QCOMPARE(rename->textValue(), QStringLiteral("notes.txt"));
        inputAnswer(rename, QStringLiteral("renamed.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(QStringLiteral("renamed.txt")).isValid(), kFilesWaitMs);
        QVERIFY(!indexOf(QStringLiteral("notes.txt")).isValid());
        QCOMPARE(m_rig->read(QStringLiteral("renamed.txt")).value(), QByteArray("hello\nworld\n"));
        // Onto an existing name: refused, both kept.
        m_browser->renameEntry(m_rig->path("renamed.txt"), QStringLiteral("src"));
        QTRY_VERIFY_WITH_TIMEOUT(lastFailed(finished).contains(QLatin1String("exists")),
                                 kFilesWaitMs);
        QVERIFY(m_rig->stat(QStringLiteral("renamed.txt")).ok());

        // Change mode: 700; a non-octal answer is refused.
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("renamed.txt")));
        m_browser->action(FileBrowser::Action::ChangeMode)->trigger();
        inputAnswer(dialogs.last().at(0).value<QDialog*>(), QStringLiteral("9z"));
        QVERIFY(lastFailed(finished).contains(QLatin1String("9z")));
        m_browser->action(FileBrowser::Action::ChangeMode)->trigger();
        inputAnswer(dialogs.last().at(0).value<QDialog*>(), QStringLiteral("700"));
        QTRY_COMPARE_WITH_TIMEOUT(m_rig->stat(QStringLiteral("renamed.txt")).value().mode, 0700u,
                                  kFilesWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            indexOf(QStringLiteral("renamed.txt")).data(RemoteFileModel::ModeRole).toUInt(), 0700u,
            kFilesWaitMs);

        // Delete a folder with what is in it, after the question.
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("src")));
        m_browser->action(FileBrowser::Action::Delete)->trigger();
        auto* confirm = qobject_cast<QMessageBox*>(dialogs.last().at(0).value<QDialog*>());
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(QLatin1String("everything in it")));
        answer(confirm, QStringLiteral("delete"));
        QTRY_VERIFY_WITH_TIMEOUT(!indexOf(QStringLiteral("src")).isValid(), kFilesWaitMs);
        QCOMPARE(m_rig->stat(QStringLiteral("src")).error().code, ErrorCode::NotFound);
        // Cancelled: kept.
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("renamed.txt")));
        m_browser->action(FileBrowser::Action::Delete)->trigger();
        answer(qobject_cast<QMessageBox*>(dialogs.last().at(0).value<QDialog*>()),
               QStringLiteral("cancel"));
        QVERIFY(m_rig->stat(QStringLiteral("renamed.txt")).ok());
    }

    void copiesPathsAndOpensTerminals() {
        show();
        QSignalSpy terminal(m_browser.get(), &FileBrowser::openTerminalRequested);
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("src")));
        m_browser->action(FileBrowser::Action::CopyPath)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_rig->path("src"));
        m_browser->action(FileBrowser::Action::OpenTerminal)->trigger();
        QCOMPARE(terminal.count(), 1);
        QCOMPARE(terminal.at(0).at(0).toString(), m_rig->path("src"));
        // Not on a file.
        m_browser->tree()->setCurrentIndex(indexOf(QStringLiteral("notes.txt")));
        QVERIFY(!m_browser->action(FileBrowser::Action::OpenTerminal)->isEnabled());
    }

    void downloadsAndUploadsThroughTheQueue() {
        show();
        QTemporaryDir local;
        TransferQueue* queue = m_browser->transfers();
        // A file and a folder down.
        const int file = m_browser->downloadTo(
            m_rig->path("notes.txt"), local.filePath(QStringLiteral("notes copy.txt")), false);
        const int folder =
            m_browser->downloadTo(m_rig->path("src"), local.filePath(QStringLiteral("src")), true);
        QVERIFY(m_browser->transferPanel()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(queue->isSettled(file) && queue->isSettled(folder), kFilesWaitMs);
        QVERIFY(queue->succeeded(file));
        QVERIFY(queue->succeeded(folder));
        QCOMPARE(readLocal(local.filePath(QStringLiteral("notes copy.txt"))),
                 QByteArray("hello\nworld\n"));
        QCOMPARE(readLocal(local.filePath(QStringLiteral("src/main.c"))),
                 QByteArray("int main;\n"));

        // A folder up, with a large file whose progress is seen on the way.
        const QByteArray big(24 * 1024 * 1024, 'b');
        QVERIFY(writeLocal(local.filePath(QStringLiteral("up/big.dat")), big));
        QVERIFY(writeLocal(local.filePath(QStringLiteral("up/inner/small.txt")), "small"));
        qint64 partial = 0;
        connect(queue, &QAbstractItemModel::dataChanged, this, [&] {
            for (int row = 0; row < queue->rowCount(); ++row) {
                const QModelIndex i = queue->index(row, 0);
                const qint64 done = i.data(TransferQueue::BytesDoneRole).toLongLong();
                if (!i.data(TransferQueue::IsDirRole).toBool() && done > 0 && done < big.size())
                    partial = done;
            }
        });
        m_browser->uploadFrom({local.filePath(QStringLiteral("up"))}, m_rig->root);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), kFilesWaitMs);
        QVERIFY2(partial > 0, "no progress was reported before the end");
        QCOMPARE(m_rig->stat(QStringLiteral("up/big.dat")).value().size, big.size());
        QCOMPARE(m_rig->read(QStringLiteral("up/inner/small.txt")).value(), QByteArray("small"));
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(QStringLiteral("up")).isValid(), kFilesWaitMs);
        // The panel's progress column is painted by its delegate.
        QVERIFY(qobject_cast<TransferProgressDelegate*>(
            m_browser->transferPanel()->view()->itemDelegateForColumn(
                TransferQueue::ProgressColumn)));
    }

    void cancelsATransfer() {
        show();
        QTemporaryDir local;
        QVERIFY(writeLocal(local.filePath(QStringLiteral("large.dat")),
                           QByteArray(64 * 1024 * 1024, 'L')));
        TransferQueue* queue = m_browser->transfers();
        m_browser->uploadFrom({local.filePath(QStringLiteral("large.dat"))}, m_rig->root);
        QCOMPARE(queue->rowCount(), 1);
        const int job = queue->index(0, 0).data(TransferQueue::JobIdRole).toInt();
        // Cancelled from the panel once it runs.
        QTRY_VERIFY_WITH_TIMEOUT(
            queue->index(0, 0).data(TransferQueue::BytesDoneRole).toLongLong() > 0, kFilesWaitMs);
        m_browser->transferPanel()->view()->selectionModel()->select(
            queue->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_browser->transferPanel()->cancelSelected();
        QTRY_VERIFY_WITH_TIMEOUT(queue->isSettled(job), kFilesWaitMs);
        QCOMPARE(queue->stateOf(job), TransferQueue::State::Cancelled);
        QVERIFY(queue->index(0, TransferQueue::StatusColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("cancelled")));
        // Nothing half-written under the name.
        QCOMPARE(m_rig->stat(QStringLiteral("large.dat")).error().code, ErrorCode::NotFound);
        m_browser->transferPanel()->clearFinished();
        QCOMPARE(queue->rowCount(), 0);
    }

private:
    void show() {
        m_browser->show();
        m_browser->setSandboxId(m_rig->id);
        QTRY_VERIFY_WITH_TIMEOUT(!m_browser->model()->rootPath().isEmpty() &&
                                     !m_browser->model()->isRootLoading(),
                                 kFilesWaitMs);
        QCOMPARE(m_browser->pathEdit()->text(), m_rig->root);
        // Rows painted in the tree.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_browser->tree()->visualRect(m_browser->model()->index(0, 0)).isValid(), kFilesWaitMs);
    }
    void typePath(const QString& path) {
        m_browser->pathEdit()->clear();
        QTest::keyClicks(m_browser->pathEdit(), path);
        QTest::keyClick(m_browser->pathEdit(), Qt::Key_Return);
    }
    QStringList names() const {
        QStringList out;
        RemoteFileModel* model = m_browser->model();
        for (int row = 0; row < model->rowCount(); ++row)
            out.append(model->index(row, 0).data(Qt::EditRole).toString());
        return out;
    }
    QModelIndex indexOf(const QString& relative) const {
        return m_browser->model()->indexForPath(m_rig->path(relative));
    }
    EditorPage* open(const QString& relative) {
        m_browser->openPath(m_rig->path(relative));
        EditorPage* page = m_browser->editor()->page(m_rig->path(relative));
        if (!page || !QTest::qWaitFor([page] { return page->isLoaded(); }, kFilesWaitMs))
            return nullptr;
        return page;
    }
    static void answer(QMessageBox* box, const QString& button) {
        QVERIFY(box);
        auto* clicked = box->findChild<QPushButton*>(button);
        if (!clicked) {
            for (QAbstractButton* b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::RejectRole &&
                    button == QLatin1String("cancel"))
                    clicked = qobject_cast<QPushButton*>(b);
            }
        }
        QVERIFY2(clicked, qPrintable(button));
        clicked->click();
    }
    static void inputAnswer(QDialog* dialog, const QString& text) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        QVERIFY(input);
        input->setTextValue(text);
        input->accept();
    }
    static QString lastFailed(const QSignalSpy& finished) {
        return finished.isEmpty() || finished.last().at(0).toBool()
                   ? QString()
                   : finished.last().at(1).toString();
    }
    static Result<void> await(Task<void> task) { return test::await(std::move(task)); }

    QString m_backend;
    std::unique_ptr<test::FilesRig> m_rig;
    std::unique_ptr<FileBrowser> m_browser;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    int status = 0;
    for (const QString& backend : {QStringLiteral("local"), QStringLiteral("sprites")}) {
        TstFileBrowser suite(backend);
        suite.setObjectName(backend);
        const QStringList args = test::argumentsFor(suite, app.arguments());
        if (!args.isEmpty()) {
            qInfo("--- FileBrowser on the %s backend", qPrintable(backend));
            status |= QTest::qExec(&suite, args);
        }
    }
    return status;
}

#include "tst_filebrowser.moc"
