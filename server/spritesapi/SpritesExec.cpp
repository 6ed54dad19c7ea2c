// The Sprites emulator's exec WebSocket routes (sprites-api.md §3, §4.2).
#include "ExecBridge.h"
#include "SpritesApi.h"
#include "SpritesJson.h"

namespace hangar::spritesapi {

namespace {

using S = SpritesReply::Status;

constexpr qint64 NonTtyRunAfterDisconnectMs = 10'000;

bool isTrue(const QString& value) {
    return value == QLatin1String("true") || value == QLatin1String("1");
}

// The session id of an attach: the path form /exec/{id} or the legacy ?id=.
QString sessionIdOf(const QHash<QString, QString>& params, const QString& legacyId) {
    const QString fromPath = params.value(QStringLiteral("session"));
    return fromPath.isEmpty() ? legacyId : fromPath;
}

struct ExecParams {
    ExecRequest request;
    bool stdinEnabled = false;
    std::optional<qint64> runAfterDisconnectMs;
    QString error; // non-empty: a 400
};

template <typename Query>
ExecParams parseExec(const Query& value, const QStringList& cmd, const QStringList& env) {
    ExecParams p;
    p.request.tty = isTrue(value(QStringLiteral("tty")));
    p.request.argv = cmd;
    if (const QString path = value(QStringLiteral("path")); !path.isEmpty() && !cmd.isEmpty())
        p.request.argv[0] = path;
    p.request.cwd = value(QStringLiteral("dir"));
    for (const QString& pair : env) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            p.error = QStringLiteral("env entries must be KEY=VALUE, got '%1'").arg(pair);
            return p;
        }
        p.request.env.insert(pair.left(eq), pair.mid(eq + 1));
    }
    for (const auto& [name, target] : {std::pair{QStringLiteral("cols"), &p.request.cols},
                                       std::pair{QStringLiteral("rows"), &p.request.rows}}) {
        const QString text = value(name);
        if (text.isEmpty())
            continue;
        bool ok = false;
        const int n = text.toInt(&ok);
        if (!ok || n < 1 || n > 65535) {
            p.error = QStringLiteral("%1 must be an integer from 1 to 65535").arg(name);
            return p;
        }
        *target = n;
    }
    const QString stdinValue = value(QStringLiteral("stdin"));
    p.stdinEnabled = stdinValue.isEmpty() ? p.request.tty : isTrue(stdinValue);
    if (isTrue(value(QStringLiteral("detachable"))))
        p.runAfterDisconnectMs = 0;
    if (const QString max = value(QStringLiteral("max_run_after_disconnect")); !max.isEmpty()) {
        p.runAfterDisconnectMs = parseDurationMs(max);
        if (!p.runAfterDisconnectMs)
            p.error = QStringLiteral("max_run_after_disconnect must be a duration like 10s");
    }
    return p;
}

} // namespace

void SpritesApi::addExecRoutes() {
    auto check = [this](const http::Request& r, SpritesReply reply) { checkExecUpgrade(r, reply); };
    auto open = [this](const SocketRequest& r, std::unique_ptr<QWebSocket> socket) {
        openExec(r, std::move(socket));
    };
    m_server->socketRoute(QStringLiteral("/v1/sprites/:name/exec"), check, open);
    m_server->socketRoute(QStringLiteral("/v1/sprites/:name/exec/:session"), check, open);
}

void SpritesApi::checkExecUpgrade(const http::Request& request, SpritesReply reply) {
    const QString name = request.param(QStringLiteral("name"));
    if (!checkSprite(name, reply))
        return;
    const QString sessionId =
        sessionIdOf(request.params, queryValue(request, QStringLiteral("id")));
    if (!sessionId.isEmpty()) {
        if (!m_backend.attach(name, sessionId))
            reply.gatewayError(S::NotFound, QStringLiteral("session_not_found"),
                               QStringLiteral("no running session '%1'").arg(sessionId));
        return;
    }
    const QUrlQuery query = formQuery(request.http.url());
    const QStringList cmd = query.allQueryItemValues(QStringLiteral("cmd"), QUrl::FullyDecoded);
    if (cmd.isEmpty() || cmd.first().isEmpty())
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"),
                                  QStringLiteral("cmd is required (repeat it for each argument)"));
    const ExecParams params = parseExec(
        [&query](const QString& key) { return query.queryItemValue(key, QUrl::FullyDecoded); }, cmd,
        query.allQueryItemValues(QStringLiteral("env"), QUrl::FullyDecoded));
    if (!params.error.isEmpty())
        reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"), params.error);
}

void SpritesApi::openExec(const SocketRequest& request, std::unique_ptr<QWebSocket> socket) {
    const QString name = request.param(QStringLiteral("name"));
    const QString path = request.url.path();
    auto fault = m_faults.take(QStringLiteral("WS"), path);
    ExecBridge::Options options;
    if (fault && fault->kind == FaultPlan::Kind::Drop)
        options.dropAfterOutputBytes = fault->afterOutputBytes;

    const QString sessionId = sessionIdOf(request.params, request.value(QStringLiteral("id")));
    if (!sessionId.isEmpty()) {
        ExecSession* session = m_backend.attach(name, sessionId);
        options.owner = false;
        options.tty = session && session->info().tty;
        const QString stdinValue = request.value(QStringLiteral("stdin"));
        options.stdinEnabled = stdinValue.isEmpty() || isTrue(stdinValue);
        auto* bridge = new ExecBridge(std::move(socket), options, this);
        if (!session)
            return bridge->fail(makeError(ErrorCode::NotFound,
                                          QStringLiteral("session '%1' has ended").arg(sessionId)));
        bridge->bind(session, true);
        return;
    }

    const ExecParams params =
        parseExec([&request](const QString& key) { return request.value(key); },
                  request.values(QStringLiteral("cmd")), request.values(QStringLiteral("env")));
    options.tty = params.request.tty;
    options.stdinEnabled = params.stdinEnabled;
    options.runAfterDisconnectMs =
        params.runAfterDisconnectMs.value_or(params.request.tty ? 0 : NonTtyRunAfterDisconnectMs);
    QPointer<ExecBridge> bridge = new ExecBridge(std::move(socket), options, this);
    // Exec wakes a cold sprite (§2.1).
    m_backend.wake(name).then(this, [this, name, bridge, request = params.request](Status woken) {
        if (!bridge)
            return;
        if (!woken)
            return bridge->fail(woken.error());
        if (auto record = m_registry.get(name)) {
            record->lastRunningAt = QDateTime::currentDateTimeUtc();
            (void)m_registry.put(*record);
        }
        bridge->bind(m_backend.startExec(name, request), false);
    });
}

} // namespace hangar::spritesapi
