#pragma once

#include "util/Result.h"

#include <QString>

namespace hangar {

// A parsed HANGAR_DB_URL: sqlite:///abs/path.db or postgres://user:pass@host:port/db
// (?host=/socket/dir selects a Unix socket directory). The password is kept out of describe().
struct DatabaseUrl {
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL host name or socket directory
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static Result<DatabaseUrl> parse(const QString& url);
    static DatabaseUrl sqlite(const QString& path);
    // For logs and the UI: never contains the password.
    QString describe() const;
};

} // namespace hangar
