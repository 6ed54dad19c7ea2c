// hangar_screenshots: renders the main window with sandboxes in every state into PNG files
// for docs/screenshots (scripts/screenshots runs it under Xvfb). The engine is real (SQLite in
// a temporary directory, the local backend); the records are written straight into the store so
// that transient states stay on screen, and the engine is never started (its start-up recovery
// would finish them).
#include "MainWindow.h"
#include "SandboxDetailPane.h"
#include "StatusBadgeDelegate.h"
#include "Translations.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>

using namespace hangar;

namespace {

struct Row {
    const char* chat;
    SandboxState state;
    qint64 idleSeconds;
    const char* error;
};

// A believable fleet: every state at least once.
const Row kRows[] = {
    {"support-bot", SandboxState::Active, 95, ""},
    {"research-7f3a", SandboxState::Active, 1210, ""},
    {"pr-review-1187", SandboxState::Provisioning, 3, ""},
    {"nightly-etl", SandboxState::Hibernating, 1800, ""},
    {"design-sync", SandboxState::Hibernated, 86'400, ""},
    {"onboarding", SandboxState::Hibernated, 7200, ""},
    {"data-cleanup", SandboxState::Restoring, 4, ""},
    {"billing-agent", SandboxState::Failed, 600,
     "provider: sprite create failed: 429 Too Many Requests (retry after 30 s)"},
};

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output PNG file."),
                                 QStringLiteral("file"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Language code (en, de)."),
                                      QStringLiteral("code"), QStringLiteral("en"));
    parser.addOption(out);
    parser.addOption(language);
    parser.process(app);
    if (!parser.isSet(out)) {
        std::fprintf(stderr, "hangar_screenshots: --out is required\n");
        return 2;
    }
    installTranslations(parser.value(language));

    QTemporaryDir dir;
    auto store = Store::open(DatabaseUrl::sqlite(dir.filePath(QStringLiteral("hangar.db"))));
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(store.error().describe()));
        return 1;
    }
    SystemClock clock;
    LocalBackend local(
        LocalBackend::Options{dir.filePath(QStringLiteral("data")), QStringLiteral("/workspace")});
    LifecycleService lifecycle(*store.value(), clock, LifecycleOptions{});
    lifecycle.addBackend(&local);

    QString shown;
    const QDateTime now = clock.now();
    for (const Row& row : kRows) {
        Sandbox s;
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.chatId = QString::fromLatin1(row.chat);
        s.threadId = QStringLiteral("main");
        s.name = QStringLiteral("zuko-%1-main").arg(s.chatId);
        s.backend = local.kind();
        s.state = row.state;
        s.error = QString::fromLatin1(row.error);
        s.createdAt = now.addDays(-3);
        s.updatedAt = s.lastActivityAt = now.addSecs(-row.idleSeconds);
        if (!store.value()->insertSandbox(s,
                                          QStringLiteral("created from chat %1").arg(s.chatId))) {
            std::fprintf(stderr, "could not insert %s\n", qPrintable(s.name));
            return 1;
        }
        // Active sandboxes get a real machine, so the detail pane's provider answer is real.
        if (row.state == SandboxState::Active) {
            auto created = local.create(s.name);
            if (!QTest::qWaitFor([&created] { return created.isFinished(); }, 30'000) ||
                !created.result()) {
                std::fprintf(stderr, "could not create %s\n", qPrintable(s.name));
                return 1;
            }
        }
        if (shown.isEmpty() && row.state == SandboxState::Active) {
            shown = s.id;
            // Something keeping it awake, as an agent's shell would.
            ExecRequest shell;
            shell.argv = {QStringLiteral("bash"), QStringLiteral("-l")};
            shell.tty = true;
            local.startExec(s.name, shell);
            ExecRequest server;
            server.argv = {QStringLiteral("sleep"), QStringLiteral("3600")};
            local.startExec(s.name, server);
        }
    }

    MainWindow window(lifecycle);
    window.badgeDelegate()->setAnimationsEnabled(false); // steady colours in a still image
    window.resize(1280, 760);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    window.selectIds({shown});
    QTest::qWait(1500); // the provider answers, the status bar settles
    if (!window.grab().save(parser.value(out))) {
        std::fprintf(stderr, "could not write %s\n", qPrintable(parser.value(out)));
        return 1;
    }
    std::printf("wrote %s\n", qPrintable(parser.value(out)));
    return 0;
}
