#pragma once

#include "lifecycle/Sandbox.h"
#include "util/Result.h"

#include <QList>
#include <QSqlQuery>

// Reading and writing sandbox rows, shared by the Store's source files.
namespace hangar::rows {

// The columns readSandbox() expects, in its order.
inline constexpr char kSandboxColumns[] =
    "id, name, backend, chat_id, thread_id, state, error, created_at, updated_at, "
    "last_activity_at, pinned";

// A null QString binds as SQL NULL; the text columns are NOT NULL, so bind "" instead.
QString text(const QString& s);
QDateTime fromMs(const QVariant& v);
Result<Sandbox> readSandbox(const QSqlQuery& q);
Result<QList<Sandbox>> readSandboxes(QSqlQuery& q);

} // namespace hangar::rows
