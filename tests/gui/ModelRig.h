#pragma once

// The engine (GuiRig) with a SandboxTableModel and a SandboxFilterProxy on it, both under
// QAbstractItemModelTester, for the model tests.

#include "GuiRig.h"
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"

#include <QAbstractItemModelTester>
#include <QMap>
#include <QUuid>

#include <memory>

namespace hangar::test {

// The engine (GuiRig) and the models under test, torn down in reverse order.
struct ModelRig : GuiRig {
    std::unique_ptr<SandboxTableModel> model;
    std::unique_ptr<SandboxFilterProxy> proxy;
    std::unique_ptr<QAbstractItemModelTester> modelTester;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;

    void buildModels() {
        model = std::make_unique<SandboxTableModel>(*lifecycle);
        proxy = std::make_unique<SandboxFilterProxy>();
        proxy->setSourceModel(model.get());
        modelTester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxyTester = std::make_unique<QAbstractItemModelTester>(
            proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    ~ModelRig() {
        proxyTester.reset();
        modelTester.reset();
        proxy.reset();
        model.reset();
    }

    QString cell(int row, int column) const { return model->index(row, column).data().toString(); }
    SandboxState stateAt(int row) const {
        return static_cast<SandboxState>(model->index(row, SandboxTableModel::StateColumn)
                                             .data(SandboxTableModel::StateRole)
                                             .toInt());
    }
    QString stateOf(const QString& id) const {
        const QModelIndex i = model->indexOf(id, SandboxTableModel::StateColumn);
        return i.isValid() ? stateName(static_cast<SandboxState>(
                                 i.data(SandboxTableModel::StateRole).toInt()))
                           : QStringLiteral("(missing)");
    }
    // A sandbox announced by the engine's signals alone, for tests of the model's bookkeeping
    // that need many rows or exact timing (the engine's own path is tested above them).
    Sandbox announce(const QString& name, SandboxState state) {
        Sandbox s;
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.name = name;
        s.backend = QStringLiteral("local");
        s.chatId = name;
        s.threadId = QStringLiteral("main");
        s.state = state;
        s.createdAt = s.updatedAt = s.lastActivityAt = clock.now();
        emit lifecycle->sandboxAdded(s);
        return s;
    }
    void change(Sandbox s, SandboxState state) {
        s.state = state;
        emit lifecycle->sandboxChanged(s);
    }
    // The id index checked against the rows themselves.
    bool indexConsistent() const {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->rowOf(model->sandboxAt(row).id) != row)
                return false;
        }
        return true;
    }
    // stateCounts() checked against a count of the rows themselves.
    QMap<SandboxState, int> countedStates() const {
        QMap<SandboxState, int> counts;
        for (int row = 0; row < model->rowCount(); ++row)
            ++counts[model->sandboxAt(row).state];
        return counts;
    }
    QStringList proxyNames() const {
        QStringList names;
        for (int row = 0; row < proxy->rowCount(); ++row)
            names.append(proxy->index(row, SandboxTableModel::NameColumn).data().toString());
        return names;
    }
};

} // namespace hangar::test
