#pragma once

// The shared fixture of the GUI tests.

#include "MainWindow.h"
#include "SandboxTableModel.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

namespace hangar::test {

inline constexpr int kWaitMs = 10'000;

// A real engine for widget tests: LifecycleService over SQLite in a temporary directory with
// the local backend, and the main window built on demand.
struct GuiRig {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    ManualClock clock;
    std::unique_ptr<LocalBackend> local;
    std::unique_ptr<LifecycleService> lifecycle;
    std::unique_ptr<MainWindow> window;

    bool open() {
        if (!dir.isValid())
            return false;
        auto opened = Store::open(DatabaseUrl::sqlite(dir.filePath(QStringLiteral("hangar.db"))));
        if (!opened)
            return false;
        store = std::move(opened.value());
        local = std::make_unique<LocalBackend>(LocalBackend::Options{
            dir.filePath(QStringLiteral("data")), QStringLiteral("/workspace")});
        lifecycle = std::make_unique<LifecycleService>(*store, clock, LifecycleOptions{});
        lifecycle->addBackend(local.get());
        return true;
    }

    MainWindow& show() {
        window = std::make_unique<MainWindow>(*lifecycle);
        window->show();
        return *window;
    }

    ~GuiRig() {
        window.reset();
        lifecycle.reset();
        local.reset();
        store.reset();
    }

    QString stateOf(const QString& id) const {
        const QModelIndex i = window->model()->indexOf(id, SandboxTableModel::StateColumn);
        return i.isValid() ? stateName(static_cast<SandboxState>(
                                 i.data(SandboxTableModel::StateRole).toInt()))
                           : QStringLiteral("(missing)");
    }
    QString idOf(const QString& name) const {
        for (int row = 0; row < window->model()->rowCount(); ++row) {
            if (window->model()->sandboxAt(row).name == name)
                return window->model()->sandboxAt(row).id;
        }
        return {};
    }
    QString countsLabel() const {
        auto* label = window->statusBar()->findChild<QLabel*>(QStringLiteral("stateCounts"));
        return label ? label->text() : QString();
    }
    // A sandbox record straight into the store, in any state (the window is built after).
    Sandbox insert(const QString& name, SandboxState state, const QString& error = {},
                   const QString& backend = QStringLiteral("local")) {
        Sandbox s;
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.name = name;
        s.backend = backend;
        s.chatId = name;
        s.threadId = QStringLiteral("main");
        s.state = state;
        s.error = error;
        s.createdAt = s.updatedAt = s.lastActivityAt = clock.now();
        if (!store->insertSandbox(s, QStringLiteral("test")))
            return {};
        return s;
    }
};

} // namespace hangar::test
