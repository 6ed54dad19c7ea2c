#include "ToolsController.h"

#include "JsonCodec.h"
#include "tools/SandboxTools.h"

#include <QJsonArray>

namespace hangar::api {

using http::HttpReply;
using http::Request;

namespace {

// Reads the JSON body and checks field types; answers 400 itself when something is wrong.
class Body {
public:
    Body(const Request& request, HttpReply& reply)
        : m_reply(reply) {
        QString why;
        const auto parsed = request.jsonObject(&why);
        if (!parsed)
            fail(why);
        else
            m_json = *parsed;
    }

    bool ok() const { return m_ok; }

    QString string(const char* field, bool required) {
        const QJsonValue v = m_json.value(QLatin1String(field));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(QStringLiteral("\"%1\" is required").arg(QLatin1String(field)));
            return {};
        }
        if (!v.isString())
            fail(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(field)));
        return v.toString();
    }

    qint64 integer(const char* field, qint64 fallback, qint64 min, qint64 max) {
        const QJsonValue v = m_json.value(QLatin1String(field));
        if (v.isUndefined() || v.isNull())
            return fallback;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != static_cast<double>(static_cast<qint64>(d)) || d < double(min) ||
            d > double(max)) {
            fail(QStringLiteral("\"%1\" must be an integer from %2 to %3")
                     .arg(QLatin1String(field))
                     .arg(min)
                     .arg(max));
            return fallback;
        }
        return static_cast<qint64>(d);
    }

    bool boolean(const char* field) {
        const QJsonValue v = m_json.value(QLatin1String(field));
        if (!v.isUndefined() && !v.isNull() && !v.isBool())
            fail(QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(field)));
        return v.toBool(false);
    }

private:
    void fail(const QString& why) {
        if (m_ok)
            m_reply.error(HttpReply::Status::BadRequest, QStringLiteral("EINVAL"), why);
        m_ok = false;
    }

    HttpReply& m_reply;
    QJsonObject m_json;
    bool m_ok = true;
};

constexpr qint64 kMaxExecTimeoutMs = 3'600'000;

} // namespace

ToolsController::ToolsController(SandboxTools& tools, QObject* parent)
    : QObject(parent)
    , m_tools(tools) {
}

void ToolsController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    auto route = [&](const QString& path,
                     void (ToolsController::*handler)(const Request&, HttpReply)) {
        router.add(
            {Method::Post, path, http::Auth::Required,
             [this, handler](const Request& r, HttpReply reply) { (this->*handler)(r, reply); }});
    };
    route(QStringLiteral("/api/sandboxes/:id/exec"), &ToolsController::exec);
    route(QStringLiteral("/api/sandboxes/:id/tools/glob"), &ToolsController::glob);
    route(QStringLiteral("/api/sandboxes/:id/tools/grep"), &ToolsController::grep);
    route(QStringLiteral("/api/sandboxes/:id/tools/stat"), &ToolsController::stat);
    route(QStringLiteral("/api/sandboxes/:id/tools/mkdir"), &ToolsController::mkdir);
    route(QStringLiteral("/api/sandboxes/:id/tools/readdir"), &ToolsController::readdir);
}

void ToolsController::exec(const Request& request, HttpReply reply) {
    Body body(request, reply);
    const QString command = body.string("command", true);
    const QString cwd = body.string("cwd", false);
    const qint64 timeout = body.integer("timeoutMs", 120'000, 1, kMaxExecTimeoutMs);
    if (!body.ok())
        return;
    m_tools.exec(request.param(QStringLiteral("id")), command, cwd, timeout)
        .then(this, [reply](Result<ExecResult> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.json(
                QJsonObject{{QStringLiteral("stdout"), QString::fromUtf8(r.value().stdoutData)},
                            {QStringLiteral("stderr"), QString::fromUtf8(r.value().stderrData)},
                            {QStringLiteral("exitCode"), r.value().exitCode},
                            {QStringLiteral("timedOut"), r.value().timedOut}});
        });
}

void ToolsController::glob(const Request& request, HttpReply reply) {
    Body body(request, reply);
    const QString pattern = body.string("pattern", true);
    const QString cwd = body.string("cwd", false);
    const int max = static_cast<int>(body.integer("maxResults", 1000, 1, 100'000));
    if (!body.ok())
        return;
    m_tools.glob(request.param(QStringLiteral("id")), pattern, cwd, max)
        .then(this, [reply](Result<GlobResult> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.json(
                QJsonObject{{QStringLiteral("paths"), QJsonArray::fromStringList(r.value().paths)},
                            {QStringLiteral("truncated"), r.value().truncated}});
        });
}

void ToolsController::grep(const Request& request, HttpReply reply) {
    Body body(request, reply);
    GrepOptions options;
    const QString pattern = body.string("pattern", true);
    options.path = body.string("path", false);
    options.include = body.string("include", false);
    options.ignoreCase = body.boolean("ignoreCase");
    options.fixedString = body.boolean("fixedString");
    options.maxResults = static_cast<int>(body.integer("maxResults", 1000, 1, 100'000));
    if (!body.ok())
        return;
    m_tools.grep(request.param(QStringLiteral("id")), pattern, options)
        .then(this, [reply](Result<QList<GrepMatch>> r) mutable {
            if (!r)
                return reply.error(r.error());
            QJsonArray matches;
            for (const GrepMatch& m : r.value()) {
                matches.append(QJsonObject{{QStringLiteral("path"), m.path},
                                           {QStringLiteral("line"), m.line},
                                           {QStringLiteral("text"), m.text}});
            }
            reply.json(QJsonObject{{QStringLiteral("matches"), matches}});
        });
}

void ToolsController::stat(const Request& request, HttpReply reply) {
    Body body(request, reply);
    const QString path = body.string("path", true);
    if (!body.ok())
        return;
    m_tools.stat(request.param(QStringLiteral("id")), path)
        .then(this, [reply](Result<FsEntry> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.json(toJson(r.value()));
        });
}

void ToolsController::mkdir(const Request& request, HttpReply reply) {
    Body body(request, reply);
    const QString path = body.string("path", true);
    if (!body.ok())
        return;
    m_tools.mkdir(request.param(QStringLiteral("id")), path)
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.noContent();
        });
}

void ToolsController::readdir(const Request& request, HttpReply reply) {
    Body body(request, reply);
    const QString path = body.string("path", true);
    if (!body.ok())
        return;
    m_tools.readdir(request.param(QStringLiteral("id")), path)
        .then(this, [reply](Result<QList<FsEntry>> r) mutable {
            if (!r)
                return reply.error(r.error());
            QJsonArray entries;
            for (const FsEntry& e : r.value())
                entries.append(toJson(e));
            reply.json(QJsonObject{{QStringLiteral("entries"), entries}});
        });
}

} // namespace hangar::api
