#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class SandboxTools;
}

namespace hangar::api {

class RangedUploads;

// /api/sandboxes/:id/fs/*path — a sandbox's files, the path relative to its working
// directory: GET reads (?list=true lists, ?stat=true stats; large files stream, paced by the
// client), PUT writes (?parents=true makes parent directories; replaced only when complete;
// with Content-Range, a file of any size in pieces: RangedUploads),
// POST {"op": "rename"|"chmod"|"mkdir"}, DELETE removes (?recursive=true for directories).
// Goes through SandboxTools, so every call wakes a hibernated sandbox and counts as activity.
class FilesController : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kMaxUploadBytes = 16 * 1024 * 1024;
    // Files up to this size are read whole, to sniff their type from the content; larger ones
    // stream with the type their name suggests.
    static constexpr qint64 kSniffedReadBytes = 1024 * 1024;

    FilesController(SandboxTools& tools, QObject* parent = nullptr);
    void addRoutes(http::Router& router);
    RangedUploads& uploads() const { return *m_uploads; }

private:
    void get(const http::Request& request, http::HttpReply reply);
    void readWhole(const QString& id, const QString& path, http::HttpReply reply);
    void stream(const QString& id, const QString& path, qint64 size, http::HttpReply reply);
    void put(const http::Request& request, http::HttpReply reply);
    void post(const http::Request& request, http::HttpReply reply);
    void remove(const http::Request& request, http::HttpReply reply);

    SandboxTools& m_tools;
    RangedUploads* m_uploads;
};

// A query flag: present and not "false"/"0".
bool queryFlag(const http::Request& request, const QString& name);

} // namespace hangar::api
