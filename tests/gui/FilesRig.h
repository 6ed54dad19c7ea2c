#pragma once

// The engine for the Files tab's tests, on either backend: the local one (bubblewrap), or
// Sprites through the Sprites-compatible emulator (server/spritesapi) over a LocalBackend,
// with real HTTP and WebSocket connections. One active sandbox "files" is provisioned; the
// rig changes its files "behind the GUI's back" through the backend directly, and on the
// host (symbolic links that lead out).

#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesBackend.h"
#include "sprites/SpritesClient.h"
#include "spritesapi/SpritesApi.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"
#include "util/Clock.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

namespace hangar::test {

inline constexpr int kFilesWaitMs = 20'000;

struct FilesRig {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    ManualClock clock;
    // The backend the engine uses is `local` itself, or `sprites` serving from `local`.
    std::unique_ptr<LocalBackend> local;
    std::unique_ptr<spritesapi::SpritesApi> emulator;
    std::unique_ptr<sprites::SpritesBackend> sprites;
    std::unique_ptr<LifecycleService> lifecycle;
    std::unique_ptr<SandboxTools> tools;
    QString kind;
    QString id;    // the sandbox
    QString name;  // its provider-facing name
    QString root;  // its working directory, as the sandbox sees it
    QString error; // why open() failed

    bool open(const QString& backendKind) {
        kind = backendKind;
        if (!dir.isValid())
            return fail(QStringLiteral("no temporary directory"));
        auto opened = Store::open(DatabaseUrl::sqlite(dir.filePath(QStringLiteral("hangar.db"))));
        if (!opened)
            return fail(opened.error().describe());
        store = std::move(opened.value());
        const bool onSprites = kind == QLatin1String("sprites");
        root = onSprites ? sprites::SpritesClient::DefaultWorkingDir : QStringLiteral("/workspace");
        LocalBackend::Options options;
        options.dataDir = dir.filePath(QStringLiteral("data"));
        options.workingDir = root;
        options.killGraceMs = 1000;
        local = std::make_unique<LocalBackend>(options);
        LifecycleOptions lifecycleOptions;
        lifecycleOptions.defaultBackend = kind;
        lifecycle = std::make_unique<LifecycleService>(*store, clock, lifecycleOptions);
        if (onSprites) {
            const QString token = QStringLiteral("files-test-token");
            spritesapi::SpritesApi::Options apiOptions;
            apiOptions.token = token;
            emulator = std::make_unique<spritesapi::SpritesApi>(*local, apiOptions);
            const auto bound = emulator->listen(QStringLiteral("127.0.0.1:0"));
            if (!bound)
                return fail(bound.error().describe());
            sprites::SpritesBackend::Options spritesOptions;
            spritesOptions.client.baseUrl = QUrl(QStringLiteral("http://") + bound.value());
            spritesOptions.client.token = token;
            spritesOptions.client.requestTimeoutMs = 15'000;
            sprites = std::make_unique<sprites::SpritesBackend>(spritesOptions);
            lifecycle->addBackend(sprites.get());
        } else {
            lifecycle->addBackend(local.get());
        }
        tools = std::make_unique<SandboxTools>(*lifecycle);
        auto sandbox =
            await(lifecycle->provision(QStringLiteral("files"), QStringLiteral("main")), 60'000);
        if (!sandbox)
            return fail(sandbox.error().describe());
        id = sandbox.value().id;
        name = sandbox.value().name;
        return true;
    }

    ~FilesRig() {
        // Work a test left running (a listing the view asked for, the emulator's answer to
        // it) ends first: continuations of Qt 6.4 futures assert when their context is gone.
        // Bounded, and not a sleep: events are processed until the workers are idle.
        for (int round = 0; round < 3; ++round) {
            const bool idle = QTest::qWaitFor(
                [] { return QThreadPool::globalInstance()->activeThreadCount() == 0; },
                kFilesWaitMs);
            if (!idle)
                qWarning("FilesRig: workers still busy at teardown");
            QCoreApplication::processEvents();
        }
        // The Sprites client first: requests still in flight end with it, and their
        // continuations run in the tools and the engine, which must still be there.
        sprites.reset();
        emulator.reset();
        tools.reset();
        lifecycle.reset();
        local.reset();
        store.reset();
    }

    Backend& backend() const {
        return sprites ? static_cast<Backend&>(*sprites) : static_cast<Backend&>(*local);
    }
    // The absolute path in the sandbox of a path relative to its working directory.
    QString path(const QString& relative) const { return root + QLatin1Char('/') + relative; }
    QString path(const char* relative) const { return path(QString::fromUtf8(relative)); }
    // The sandbox's files on this machine (for the emulator: the sprite's).
    QString host(const QString& relative = {}) const {
        const QString base = local->hostRoot(name);
        return relative.isEmpty() ? base : base + QLatin1Char('/') + relative;
    }

    // Behind the GUI's back, through the backend.
    Status write(const QString& relative, const QByteArray& content) const {
        WriteOptions options;
        options.makeParents = true;
        return await(backend().writeFile(name, path(relative), content, options));
    }
    Result<QByteArray> read(const QString& relative) const {
        return await(backend().readFile(name, path(relative)));
    }
    Result<FsEntry> stat(const QString& relative) const {
        return await(backend().stat(name, path(relative)));
    }
    Status makeDir(const QString& relative) const {
        return await(backend().makeDir(name, path(relative), true));
    }
    // A symbolic link in the sandbox, made on the host.
    bool symlink(const QString& relative, const QString& target) const {
        return QFile::link(target, host(relative));
    }
    bool hibernate() const { return await(lifecycle->hibernate(id), 60'000).ok(); }
    SandboxState state() const {
        const auto s = lifecycle->sandbox(id);
        return s ? s.value().state : SandboxState::Failed;
    }

private:
    bool fail(const QString& why) {
        error = why;
        return false;
    }
};

// A local file with this content (parents made).
inline bool writeLocal(const QString& path, const QByteArray& content) {
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

inline QByteArray readLocal(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

} // namespace hangar::test
