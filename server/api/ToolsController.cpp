#include "ToolsController.h"

#include "JsonCodec.h"
#include "tools/SandboxTools.h"

#include <QJsonArray>

#include <cmath>

namespace hangar::api {

using http::HttpReply;
using http::Request;

namespace {

// Reads the JSON body and checks its fields; ok() answers the first problem itself. Shape is
// 400 (not a JSON object, a required field missing, a field of the wrong JSON type) and comes
// before any value of the right type that cannot be used (422).
class Body {
public:
    Body(const Request& request, HttpReply& reply)
        : m_reply(reply) {
        QString why;
        const auto parsed = request.jsonObject(&why);
        if (!parsed)
            fail(HttpReply::Status::BadRequest, why);
        else
            m_json = *parsed;
    }

    bool ok() {
        if (!m_answered) {
            m_answered = true;
            if (!m_shapeProblem.isEmpty())
                m_reply.badRequest(m_shapeProblem);
            else if (!m_valueProblem.isEmpty())
                m_reply.invalidValue(m_valueProblem);
        }
        return m_shapeProblem.isEmpty() && m_valueProblem.isEmpty();
    }

    QString string(const char* field, bool required) {
        const QJsonValue v = m_json.value(QLatin1String(field));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(HttpReply::Status::BadRequest,
                     QStringLiteral("\"%1\" is required").arg(QLatin1String(field)));
            return {};
        }
        if (!v.isString()) {
            fail(HttpReply::Status::BadRequest,
                 QStringLiteral("\"%1\" must be a string").arg(QLatin1String(field)));
            return {};
        }
        // Arguments travel as argv, which cannot carry a NUL: it would cut the value short.
        if (v.toString().contains(QChar(0))) {
            fail(HttpReply::Status::UnprocessableEntity,
                 QStringLiteral("\"%1\" cannot contain a NUL character").arg(QLatin1String(field)));
            return {};
        }
        return v.toString();
    }

    qint64 integer(const char* field, qint64 fallback, qint64 min, qint64 max) {
        const QJsonValue v = m_json.value(QLatin1String(field));
        if (v.isUndefined() || v.isNull())
            return fallback;
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d) {
            fail(HttpReply::Status::BadRequest,
                 QStringLiteral("\"%1\" must be an integer").arg(QLatin1String(field)));
            return fallback;
        }
        // Compared as doubles: 1e300 is an integer too, and must not be cast first.
        if (d < double(min) || d > double(max)) {
            fail(HttpReply::Status::UnprocessableEntity,
                 QStringLiteral("\"%1\" must be from %2 to %3")
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
            fail(HttpReply::Status::BadRequest,
                 QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(field)));
        return v.toBool(false);
    }

    // A value that parsed but cannot be used.
    void refuse(const QString& why) { fail(HttpReply::Status::UnprocessableEntity, why); }

private:
    void fail(HttpReply::Status status, const QString& why) {
        QString& first = status == HttpReply::Status::BadRequest ? m_shapeProblem : m_valueProblem;
        if (first.isEmpty())
            first = why;
    }

    HttpReply& m_reply;
    QJsonObject m_json;
    QString m_shapeProblem;
    QString m_valueProblem;
    bool m_answered = false;
};

// Why `grep -E` would refuse `pattern`, or an empty string. Only what GNU grep reports as an
// error is checked (brackets, parentheses, a trailing backslash, character class names,
// reversed ranges, intervals, back references), so anything flagged here is a pattern grep
// refuses too; a few rarer mistakes still reach grep and fail there.
QString extendedRegexProblem(const QString& p) {
    static const QStringList kClasses{
        QStringLiteral("alnum"), QStringLiteral("alpha"), QStringLiteral("blank"),
        QStringLiteral("cntrl"), QStringLiteral("digit"), QStringLiteral("graph"),
        QStringLiteral("lower"), QStringLiteral("print"), QStringLiteral("punct"),
        QStringLiteral("space"), QStringLiteral("upper"), QStringLiteral("xdigit")};
    const qsizetype n = p.size();
    QList<bool> groupClosed; // by group number - 1
    QList<qsizetype> openGroups;
    // Whether a repetition here would apply to something: not at the start of the pattern or
    // of a group or alternative, where grep reads "{" as a plain character.
    bool canRepeat = false;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = p[i];
        if (c == u'\\') {
            if (i + 1 == n)
                return QStringLiteral("ends in a lone backslash");
            const int digit = p[++i].digitValue();
            if (digit >= 1 && digit <= 9 && (digit > groupClosed.size() || !groupClosed[digit - 1]))
                return QStringLiteral("refers back to group %1, which it has not closed before")
                    .arg(digit);
            canRepeat = true;
        } else if (c == u'[') {
            qsizetype j = i + 1;
            if (j < n && p[j] == u'^')
                ++j;
            const qsizetype contentStart = j;
            for (bool first = true;; first = false) {
                if (j >= n)
                    return QStringLiteral("has an unmatched \"[\"");
                if (p[j] == u']' && !first)
                    break;
                if (p[j] == u'[' && j + 1 < n &&
                    (p[j + 1] == u':' || p[j + 1] == u'.' || p[j + 1] == u'=')) {
                    const QString close = QString(p[j + 1]) + u']';
                    const qsizetype end = p.indexOf(close, j + 2);
                    if (end < 0)
                        return QStringLiteral("has an unmatched \"[\"");
                    const QString name = p.mid(j + 2, end - j - 2);
                    if (p[j + 1] == u':' && !kClasses.contains(name))
                        return QStringLiteral("names an unknown character class \"%1\"").arg(name);
                    j = end + 2;
                    continue;
                }
                if (j + 2 < n && p[j + 1] == u'-' && p[j + 2] != u']' && p[j + 2] != u'[') {
                    if (p[j].unicode() < 128 && p[j + 2].unicode() < 128 && p[j] > p[j + 2])
                        return QStringLiteral("has a reversed range \"%1\"").arg(p.mid(j, 3));
                    j += 3;
                    continue;
                }
                ++j;
            }
            // "[:space:]" for "[[:space:]]" is a mistake grep refuses to guess about.
            const QString content = p.mid(contentStart, j - contentStart);
            if (content.size() >= 3 && content.startsWith(u':') && content.endsWith(u':') &&
                !content.contains(u'-') && !content.contains(u'[') &&
                content.count(u':') < content.size())
                return QStringLiteral("has \"%1\" where a character class is written \"[%1]\"")
                    .arg(p.mid(i, j - i + 1));
            i = j;
            canRepeat = true;
        } else if (c == u'(') {
            groupClosed.append(false);
            openGroups.append(groupClosed.size() - 1);
            canRepeat = false;
        } else if (c == u')') {
            if (!openGroups.isEmpty()) // otherwise a plain character
                groupClosed[openGroups.takeLast()] = true;
            canRepeat = true;
        } else if (c == u'|' || c == u'^') {
            canRepeat = false;
        } else if (c == u'{' && canRepeat) {
            // "{m}", "{m,}", "{,n}", "{m,n}"; grep reads other text after "{" as plain characters.
            const qsizetype close = p.indexOf(u'}', i + 1);
            if (close < 0)
                continue;
            const QStringList bounds = p.mid(i + 1, close - i - 1).split(u',');
            bool digitsOnly = true;
            for (const QString& b : bounds) {
                for (const QChar d : b)
                    digitsOnly = digitsOnly && d >= u'0' && d <= u'9';
            }
            if (!digitsOnly)
                continue;
            if (bounds.size() > 2 || (bounds.size() == 1 && bounds[0].isEmpty()))
                return QStringLiteral("has a malformed repetition \"%1\"")
                    .arg(p.mid(i, close - i + 1));
            constexpr qint64 kMaxRepeat = 32767; // RE_DUP_MAX
            // Past six digits it is too many anyway (and could overflow).
            auto bound = [](const QString& digits) {
                return digits.size() > 6 ? kMaxRepeat + 1 : digits.toLongLong();
            };
            const qint64 min = bounds[0].isEmpty() ? 0 : bound(bounds[0]);
            const QString maxText = bounds.size() == 2 ? bounds[1] : bounds[0];
            const qint64 max = maxText.isEmpty() ? -1 : bound(maxText);
            if (max >= 0 && min > max)
                return QStringLiteral("has a malformed repetition \"%1\"")
                    .arg(p.mid(i, close - i + 1));
            if (min > kMaxRepeat || max > kMaxRepeat)
                return QStringLiteral("repeats more than %1 times").arg(kMaxRepeat);
            i = close;
        } else if (c == u'*' || c == u'+' || c == u'?' || c == u'$') {
            canRepeat = canRepeat && c != u'$';
        } else {
            canRepeat = true;
        }
    }
    if (!openGroups.isEmpty())
        return QStringLiteral("has an unmatched \"(\"");
    return {};
}

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
    // An invalid regular expression is the caller's mistake (422), not a failed grep (500).
    if (!options.fixedString) {
        if (const QString problem = extendedRegexProblem(pattern); !problem.isEmpty())
            body.refuse(QStringLiteral("\"pattern\" is not a valid extended regular expression: "
                                       "it %1")
                            .arg(problem));
    }
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
