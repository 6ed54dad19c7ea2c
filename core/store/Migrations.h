#pragma once

#include "DatabaseUrl.h"

#include <QList>
#include <QStringList>

namespace hangar {

// One schema step. Statements are shared by both databases; where their SQL differs a
// placeholder stands in and statements() fills it in for the dialect:
//   {serial}  an auto-incrementing 64-bit primary key
struct Migration {
    int version;
    const char* description;
    QStringList sql;

    QStringList statements(DatabaseUrl::Kind kind) const;
};

// All migrations, in order. Append only: a released migration never changes.
const QList<Migration>& migrations();

} // namespace hangar
