// RemoteFileModel over a real engine, under QAbstractItemModelTester (Fatal): folders are
// listed only when asked (fetchMore), a refresh keeps what is open, errors stand in the
// folder's place with their path, a drop of local files and folders uploads them and a drag
// out downloads. Run twice: on the local backend and on Sprites through the emulator.
#include "FilesRig.h"
#include "RemoteFileModel.h"
#include "SuiteArguments.h"
#include "TransferQueue.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

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

class TstRemoteFileModel : public QObject {
    Q_OBJECT
public:
    explicit TstRemoteFileModel(QString backend)
        : m_backend(std::move(backend)) {}

private slots:
    void init() {
        m_rig = std::make_unique<test::FilesRig>();
        QVERIFY2(m_rig->open(m_backend), qPrintable(m_rig->error));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("top.txt"), "top"));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("a/b/c.txt"), "deep"));
        HANGAR_VERIFY_OK(m_rig->makeDir(QStringLiteral("Zeta")));
        m_queue = std::make_unique<TransferQueue>(*m_rig->tools);
        m_model = std::make_unique<RemoteFileModel>(*m_rig->tools);
        m_model->setTransferQueue(m_queue.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup() {
        // Calls in flight end before the engine goes (their continuations need it).
        if (m_model)
            QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingCalls() == 0 && m_queue->isIdle(),
                                     kFilesWaitMs);
        m_tester.reset();
        m_model.reset();
        m_queue.reset();
        m_rig.reset();
    }

    void listsLazily() {
        // Without the tester: it opens every folder it sees, which is what is not to happen.
        m_tester.reset();
        QSignalSpy listed(m_model.get(), &RemoteFileModel::directoryListed);
        m_model->setRoot(m_rig->id);
        QVERIFY(m_model->isRootLoading());
        QCOMPARE(kindAt(0), RemoteFileModel::Kind::LoadingRow);
        QTRY_COMPARE_WITH_TIMEOUT(m_model->rootPath(), m_rig->root, kFilesWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isRootLoading(), kFilesWaitMs);
        // Folders first, then by name regardless of case.
        QCOMPARE(names(), (listOf("a|Zeta|top.txt")));
        QCOMPARE(listed.count(), 1);
        QCOMPARE(listed.at(0).at(0).toString(), m_rig->root);

        const QModelIndex a = m_model->index(0, 0);
        QVERIFY(m_model->hasChildren(a));
        QCOMPARE(m_model->rowCount(a), 0);
        QVERIFY(m_model->canFetchMore(a));
        // Nothing below a is known before it is opened.
        QVERIFY(!m_model->indexForPath(m_rig->path(QStringLiteral("a/b"))).isValid());

        m_model->fetchMore(a);
        // Loading from now on; the rows change later (never inside fetchMore).
        QVERIFY(a.data(RemoteFileModel::LoadingRole).toBool());
        QVERIFY(!m_model->canFetchMore(a));
        QCOMPARE(m_model->rowCount(a), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("a/b"))).isValid(), kFilesWaitMs);
        QVERIFY(!a.data(RemoteFileModel::LoadingRole).toBool());
        QCOMPARE(listed.count(), 2);
        const QModelIndex b = m_model->indexForPath(m_rig->path(QStringLiteral("a/b")));
        QVERIFY(m_model->canFetchMore(b));
        QVERIFY(!m_model->indexForPath(m_rig->path(QStringLiteral("a/b/c.txt"))).isValid());

        // The columns of a file.
        const QModelIndex top = m_model->indexForPath(m_rig->path(QStringLiteral("top.txt")));
        QVERIFY(top.isValid());
        QVERIFY(!m_model->hasChildren(top));
        QCOMPARE(top.data(RemoteFileModel::SizeRole).toLongLong(), 3);
        QCOMPARE(top.siblingAtColumn(RemoteFileModel::SizeColumn).data().toString(),
                 QLocale().formattedDataSize(3));
        const quint32 mode = top.data(RemoteFileModel::ModeRole).toUInt();
        QCOMPARE(top.siblingAtColumn(RemoteFileModel::ModeColumn).data().toString(),
                 RemoteFileModel::modeText(m_model->entryAt(top)));
        QVERIFY(RemoteFileModel::modeText(m_model->entryAt(top))
                    .endsWith(QLatin1Char(' ') + QString::number(mode, 8)));
        QVERIFY(top.data(RemoteFileModel::ModifiedRole).toDateTime().isValid());
        QVERIFY(!top.siblingAtColumn(RemoteFileModel::ModifiedColumn).data().toString().isEmpty());
        QCOMPARE(a.siblingAtColumn(RemoteFileModel::ModeColumn).data().toString().at(0),
                 QLatin1Char('d'));
    }

    void modeTextReadsLikeLs() {
        FsEntry entry;
        entry.isDir = true;
        entry.mode = 0755;
        QCOMPARE(RemoteFileModel::modeText(entry), QStringLiteral("drwxr-xr-x 755"));
        entry.isDir = false;
        entry.mode = 0640;
        QCOMPARE(RemoteFileModel::modeText(entry), QStringLiteral("-rw-r----- 640"));
    }

    void refreshKeepsWhatIsOpen() {
        showRoot();
        const QModelIndex a = m_model->indexForPath(m_rig->path(QStringLiteral("a")));
        m_model->fetchMore(a);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("a/b"))).isValid(), kFilesWaitMs);
        const QPersistentModelIndex b = m_model->indexForPath(m_rig->path(QStringLiteral("a/b")));
        m_model->fetchMore(b);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("a/b/c.txt"))).isValid(),
            kFilesWaitMs);

        // Changed behind the model's back: one new file at the top, one in a/b, Zeta gone.
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("new.txt"), "n"));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("a/b/d.txt"), "d"));
        HANGAR_VERIFY_OK(await(m_rig->backend().remove(m_rig->name, m_rig->path("Zeta"), true)));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("top.txt"), "longer now"));
        QSignalSpy listed(m_model.get(), &RemoteFileModel::directoryListed);
        m_model->refreshAll();
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 3, kFilesWaitMs);
        QCOMPARE(names(), (listOf("a|new.txt|top.txt")));
        // a/b is the same row, still open, with the new file.
        QVERIFY(b.isValid());
        QCOMPARE(m_model->rowCount(b), 2);
        QCOMPARE(m_model->index(1, 0, b).data(RemoteFileModel::PathRole).toString(),
                 m_rig->path(QStringLiteral("a/b/d.txt")));
        QCOMPARE(m_model->indexForPath(m_rig->path(QStringLiteral("top.txt")))
                     .data(RemoteFileModel::SizeRole)
                     .toLongLong(),
                 10);

        // One folder alone.
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("a/b/e.txt"), "e"));
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("other.txt"), "o"));
        listed.clear();
        m_model->refresh(b);
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, kFilesWaitMs);
        QCOMPARE(m_model->rowCount(b), 3);
        QVERIFY(!m_model->indexForPath(m_rig->path(QStringLiteral("other.txt"))).isValid());
    }

    void errorsStandInPlace() {
        showRoot();
        // A folder that vanished: listing it again shows the error, with the path, as its row.
        const QModelIndex zeta = m_model->indexForPath(m_rig->path(QStringLiteral("Zeta")));
        HANGAR_VERIFY_OK(await(m_rig->backend().remove(m_rig->name, m_rig->path("Zeta"), true)));
        QSignalSpy failed(m_model.get(), &RemoteFileModel::directoryFailed);
        m_model->refresh(zeta);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kFilesWaitMs);
        QCOMPARE(failed.at(0).at(0).toString(), m_rig->path(QStringLiteral("Zeta")));
        QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::NotFound);
        QCOMPARE(m_model->rowCount(zeta), 1);
        const QModelIndex row = m_model->index(0, 0, zeta);
        QCOMPARE(RemoteFileModel::Kind(row.data(RemoteFileModel::KindRole).toInt()),
                 RemoteFileModel::Kind::ErrorRow);
        QVERIFY2(row.data().toString().contains(QLatin1String("Zeta")),
                 qPrintable(row.data().toString()));

        // A root outside the sandbox, and one that is a file.
        QSignalSpy rootFailed(m_model.get(), &RemoteFileModel::rootFailed);
        m_model->setRoot(m_rig->id, m_rig->root + QStringLiteral("/.."));
        QTRY_COMPARE_WITH_TIMEOUT(rootFailed.count(), 1, kFilesWaitMs);
        // The emulator answers as Sprites does for a path it refuses: EACCES.
        const ErrorCode refused = rootFailed.at(0).at(0).value<Error>().code;
        QVERIFY2(refused == ErrorCode::OutsideRoot || refused == ErrorCode::PermissionDenied,
                 qPrintable(errorCodeName(refused)));
        QCOMPARE(kindAt(0), RemoteFileModel::Kind::ErrorRow);
        m_model->setRoot(m_rig->id, m_rig->path(QStringLiteral("top.txt")));
        QTRY_COMPARE_WITH_TIMEOUT(rootFailed.count(), 2, kFilesWaitMs);
        QCOMPARE(rootFailed.at(1).at(0).value<Error>().code, ErrorCode::NotADirectory);
        QVERIFY(m_model->index(0, 0).data().toString().contains(QLatin1String("top.txt")));
    }

    void dropUploadsFilesAndFolders() {
        showRoot();
        QTemporaryDir local;
        const QString file = local.filePath(QStringLiteral("dropped file.txt"));
        QVERIFY(writeLocal(file, "dropped"));
        QVERIFY(writeLocal(local.filePath(QStringLiteral("folder/x.txt")), "x"));
        QVERIFY(writeLocal(local.filePath(QStringLiteral("folder/sub/y.txt")), "why"));
        auto* data = new QMimeData;
        data->setUrls({QUrl::fromLocalFile(file),
                       QUrl::fromLocalFile(local.filePath(QStringLiteral("folder")))});
        const QModelIndex a = m_model->indexForPath(m_rig->path(QStringLiteral("a")));
        m_model->fetchMore(a);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("a/b"))).isValid(), kFilesWaitMs);

        QVERIFY(m_model->flags(a) & Qt::ItemIsDropEnabled);
        QVERIFY(m_model->canDropMimeData(data, Qt::CopyAction, -1, -1, a));
        // Never a move (the file manager would delete the originals), never a remote URL.
        QVERIFY(!m_model->canDropMimeData(data, Qt::MoveAction, -1, -1, a));
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.com/x"))});
        QVERIFY(!m_model->canDropMimeData(&web, Qt::CopyAction, -1, -1, a));

        QSignalSpy idle(m_queue.get(), &TransferQueue::idle);
        QVERIFY(m_model->dropMimeData(data, Qt::CopyAction, -1, -1, a));
        QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle() && idle.count() > 0, kFilesWaitMs);
        QCOMPARE(m_rig->read(QStringLiteral("a/dropped file.txt")).value(), QByteArray("dropped"));
        QCOMPARE(m_rig->read(QStringLiteral("a/folder/x.txt")).value(), QByteArray("x"));
        QCOMPARE(m_rig->read(QStringLiteral("a/folder/sub/y.txt")).value(), QByteArray("why"));
        // The folder it was dropped on shows them.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("a/dropped file.txt"))).isValid() &&
                m_model->indexForPath(m_rig->path(QStringLiteral("a/folder"))).isValid(),
            kFilesWaitMs);

        // Dropped on a file: into the file's folder (here the root).
        auto* second = new QMimeData;
        second->setUrls({QUrl::fromLocalFile(file)});
        const QModelIndex top = m_model->indexForPath(m_rig->path(QStringLiteral("top.txt")));
        QVERIFY(m_model->dropMimeData(second, Qt::CopyAction, -1, -1, top));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_model->indexForPath(m_rig->path(QStringLiteral("dropped file.txt"))).isValid(),
            kFilesWaitMs);
        delete data;
        delete second;
    }

    void dragOutDownloads() {
        showRoot();
        const QModelIndex top = m_model->indexForPath(m_rig->path(QStringLiteral("top.txt")));
        const QModelIndex a = m_model->indexForPath(m_rig->path(QStringLiteral("a")));
        QVERIFY(m_model->flags(top) & Qt::ItemIsDragEnabled);
        std::unique_ptr<QMimeData> data(
            m_model->mimeData({top, top.siblingAtColumn(RemoteFileModel::SizeColumn), a}));
        QVERIFY(data);
        QCOMPARE(QString::fromUtf8(data->data(RemoteFileModel::RemotePathsMimeType)),
                 m_rig->path(QStringLiteral("top.txt")) + QLatin1Char('\n') +
                     m_rig->path(QStringLiteral("a")));
        QVERIFY(data->hasUrls());
        // Asking for the URLs waits for the downloads.
        const QList<QUrl> urls = data->urls();
        QCOMPARE(urls.size(), 2);
        QVERIFY(urls.at(0).isLocalFile());
        QCOMPARE(urls.at(0).fileName(), QStringLiteral("top.txt"));
        QCOMPARE(readLocal(urls.at(0).toLocalFile()), QByteArray("top"));
        QCOMPARE(readLocal(urls.at(1).toLocalFile() + QStringLiteral("/b/c.txt")),
                 QByteArray("deep"));
        // Rows of the tree dropped on the tree are not uploaded back.
        QVERIFY(!m_model->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, a));
    }

    void aCancelledDragStopsItsDownloads() {
        showRoot();
        const QModelIndex a = m_model->indexForPath(m_rig->path(QStringLiteral("a")));
        std::unique_ptr<QMimeData> data(m_model->mimeData({a}));
        QVERIFY(data);
        QCOMPARE(m_queue->rowCount(), 1);
        const int job = m_queue->index(0, 0).data(TransferQueue::JobIdRole).toInt();
        data.reset(); // the drag ended without a drop
        QTRY_VERIFY_WITH_TIMEOUT(m_queue->isSettled(job), kFilesWaitMs);
        QCOMPARE(m_queue->stateOf(job), TransferQueue::State::Cancelled);
    }

private:
    void showRoot() {
        m_model->setRoot(m_rig->id);
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->rootPath().isEmpty() && !m_model->isRootLoading(),
                                 kFilesWaitMs);
        QCOMPARE(names(), (listOf("a|Zeta|top.txt")));
    }
    QStringList names() const {
        QStringList out;
        for (int row = 0; row < m_model->rowCount(); ++row)
            out.append(m_model->index(row, 0).data(Qt::EditRole).toString());
        return out;
    }
    RemoteFileModel::Kind kindAt(int row) const {
        return RemoteFileModel::Kind(
            m_model->index(row, 0).data(RemoteFileModel::KindRole).toInt());
    }
    static Result<void> await(Task<void> task) { return test::await(std::move(task)); }

    QString m_backend;
    std::unique_ptr<test::FilesRig> m_rig;
    std::unique_ptr<TransferQueue> m_queue;
    std::unique_ptr<RemoteFileModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    qRegisterMetaType<hangar::Error>();
    int status = 0;
    for (const QString& backend : {QStringLiteral("local"), QStringLiteral("sprites")}) {
        TstRemoteFileModel suite(backend);
        suite.setObjectName(backend);
        const QStringList args = test::argumentsFor(suite, app.arguments());
        if (!args.isEmpty()) {
            qInfo("--- RemoteFileModel on the %s backend", qPrintable(backend));
            status |= QTest::qExec(&suite, args);
        }
    }
    return status;
}

#include "tst_remotefilemodel.moc"
