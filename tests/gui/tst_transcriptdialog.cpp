// The transcript browser over a real TranscriptStore on disk: list (under the model tester),
// search, read as plain text, save; and it follows sessions that start and end.
#include "TestSupport.h"
#include "TranscriptDialog.h"
#include "TranscriptListModel.h"
#include "terminal/TranscriptStore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

class TstTranscriptDialog : public QObject {
    Q_OBJECT

private slots:
    void listSearchReadSave() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TranscriptStore store(dir.filePath(QStringLiteral("t")));
        const QString first = record(store, QStringLiteral("sb"), "\x1b[31mhaystack\x1b[0m\r\n");
        QTest::qWait(5); // distinct start times order them
        const QString second = record(store, QStringLiteral("sb"), "find the needle here\r\n");
        record(store, QStringLiteral("other"), "needle elsewhere\r\n");

        TranscriptDialog dialog(store, QStringLiteral("sb"));
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(dialog.model()->rowCount(), 2); // this sandbox's only, newest first
        QCOMPARE(dialog.model()->transcriptAt(0).id, second);
        // The newest is selected and shown as plain text.
        QCOMPARE(dialog.textView()->toPlainText(), QStringLiteral("find the needle here\n"));

        dialog.searchEdit()->setText(QStringLiteral("HAYSTACK"));
        QCOMPARE(dialog.model()->rowCount(), 1);
        QCOMPARE(dialog.model()->transcriptAt(0).id, first);
        dialog.listView()->selectRow(0);
        QCOMPARE(dialog.textView()->toPlainText(), QStringLiteral("haystack\n"));

        const QString path = dir.filePath(QStringLiteral("saved.txt"));
        QVERIFY(dialog.saveTo(path));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray("haystack\n"));

        dialog.searchEdit()->clear();
        QCOMPARE(dialog.model()->rowCount(), 2);
        // A new session shows up without asking.
        record(store, QStringLiteral("sb"), "third\r\n");
        QCOMPARE(dialog.model()->rowCount(), 3);
    }

private:
    static QString record(TranscriptStore& store, const QString& sandbox, const QByteArray& text) {
        auto id = store.begin(sandbox, QStringLiteral("k"), {QStringLiteral("/bin/sh")});
        if (!id)
            return {};
        store.append(id.value(), text);
        store.end(id.value(), 0, QStringLiteral("exited"));
        return id.value();
    }
};

QTEST_MAIN(TstTranscriptDialog)
#include "tst_transcriptdialog.moc"
