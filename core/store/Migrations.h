#pragma once

#include "DatabaseUrl.h"

#include <QList>
#include <QStringList>

namespace hangar {

// One schema step. Statements are per dialect where SQLite and PostgreSQL differ.
struct Migration {
    int version;
    const char* description;
    QStringList sqlite;
    QStringList postgres;

    const QStringList& statements(DatabaseUrl::Kind kind) const {
        return kind == DatabaseUrl::Kind::Sqlite ? sqlite : postgres;
    }
};

// All migrations, in order. Append only: a released migration never changes.
const QList<Migration>& migrations();

} // namespace hangar
