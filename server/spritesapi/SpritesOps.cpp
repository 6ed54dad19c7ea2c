// The Sprites emulator's session list and kill (sprites-api.md §4.1, §4.3, §14.3.3),
// checkpoints (§5) and network policy (§7), over the Backend.
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "local/LocalExecSession.h"
#include "sprites/SpritesTypes.h"

#include <QJsonArray>
#include <QTimer>

#include <csignal>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr qint64 DefaultKillTimeoutMs = 10'000;

void backendError(SpritesReply& reply, const Error& error) {
    const S status = error.code == ErrorCode::NotFound          ? S::NotFound
                     : error.code == ErrorCode::InvalidArgument ? S::BadRequest
                     : error.code == ErrorCode::Conflict        ? S::Conflict
                     : error.code == ErrorCode::Unavailable     ? S::ServiceUnavailable
                                                                : S::InternalServerError;
    reply.gatewayError(status, errorCodeName(error.code), error.describe());
}

QJsonObject progressEvent(const QString& type, const QString& key, const QJsonValue& value) {
    return {{QStringLiteral("type"), type},
            {key, value},
            {QStringLiteral("time"), timeValue(QDateTime::currentDateTimeUtc())}};
}

QJsonObject checkpointJson(const CheckpointInfo& c) {
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("create_time"), timeValue(c.createdAt)},
            {QStringLiteral("comment"), c.comment},
            {QStringLiteral("history"), QJsonArray{}},
            {QStringLiteral("is_auto"), false},
            {QStringLiteral("health"), QString()}};
}

// §7.2: `rules` required; each rule exactly one of domain/include, no other keys but action;
// action allow|deny (required with domain); include only "defaults".
Result<NetworkPolicy> parsePolicy(const QJsonObject& body) {
    auto bad = [](const QString& why) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid policy config: ") + why);
    };
    if (!body.value(QStringLiteral("rules")).isArray())
        return bad(QStringLiteral("`rules` must be an array"));
    NetworkPolicy policy;
    const QJsonArray rules = body.value(QStringLiteral("rules")).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject r = rules.at(i).toObject();
        const QString where = QStringLiteral("rule %1: ").arg(i + 1);
        if (!rules.at(i).isObject())
            return bad(where + QStringLiteral("not an object"));
        for (const QString& key : r.keys()) {
            if (key != QLatin1String("domain") && key != QLatin1String("include") &&
                key != QLatin1String("action"))
                return bad(where + QStringLiteral("unknown key '%1'").arg(key));
        }
        NetworkRule rule{r.value(QStringLiteral("domain")).toString().trimmed(),
                         r.value(QStringLiteral("action")).toString(),
                         r.value(QStringLiteral("include")).toString()};
        if (rule.domain.isEmpty() == rule.include.isEmpty())
            return bad(where + QStringLiteral("give exactly one of domain and include"));
        if (!rule.include.isEmpty() && rule.include != QLatin1String("defaults"))
            return bad(where + QStringLiteral("the only preset is \"defaults\""));
        if (!rule.include.isEmpty() && rule.action.isEmpty())
            rule.action = QStringLiteral("allow"); // the presets' own action
        if (rule.action != QLatin1String("allow") && rule.action != QLatin1String("deny"))
            return bad(where + QStringLiteral("action must be allow or deny"));
        policy.rules.append(rule);
    }
    return policy;
}

} // namespace

void SpritesApi::addOpsRoutes() {
    // Every route here: the sprite must exist; then `run(request, reply, name)`.
    auto route = [this](Method method, const QString& suffix, auto run) {
        m_server->route(method, QStringLiteral("/v1/sprites/:name") + suffix,
                        [this, run](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (checkSprite(name, reply))
                                run(r, reply, name);
                        });
    };
    route(Method::Get, QStringLiteral("/exec"),
          [this](const http::Request&, SpritesReply reply, const QString& name) {
              listSessions(name, reply);
          });
    // Go sends HEAD only to learn Sprite-Version (§4.1).
    route(Method::Head, QStringLiteral("/exec"),
          [](const http::Request&, SpritesReply reply, const QString&) { reply.noContent(); });
    route(Method::Post, QStringLiteral("/exec/:session/kill"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              killSession(r, reply, name);
          });
    route(Method::Post, QStringLiteral("/checkpoint"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              createCheckpoint(r, reply, name);
          });
    route(Method::Get, QStringLiteral("/checkpoints"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const QString history = queryValue(r, QStringLiteral("history"));
              m_backend.listCheckpoints(name).then(
                  this, [reply, history](Result<QList<CheckpointInfo>> all) mutable {
                      if (!all)
                          return backendError(reply, all.error());
                      QJsonArray array;
                      for (const CheckpointInfo& c : all.value()) {
                          // No checkpoint has a history here: a filter matches nothing.
                          if (history.isEmpty())
                              array.append(checkpointJson(c));
                      }
                      reply.json(array);
                  });
          });
    route(Method::Get, QStringLiteral("/checkpoints/:id"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              withCheckpoint(name, r.param(QStringLiteral("id")), reply,
                             [](const CheckpointInfo& c, SpritesReply found) {
                                 found.json(checkpointJson(c));
                             });
          });
    route(Method::Delete, QStringLiteral("/checkpoints/:id"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              withCheckpoint(name, r.param(QStringLiteral("id")), reply,
                             [this, name](const CheckpointInfo& c, SpritesReply found) {
                                 m_backend.deleteCheckpoint(name, c.id)
                                     .then(this, [found](Status deleted) mutable {
                                         if (!deleted)
                                             return backendError(found, deleted.error());
                                         found.noContent();
                                     });
                             });
          });
    route(Method::Post, QStringLiteral("/checkpoints/:id/restore"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              withCheckpoint(name, r.param(QStringLiteral("id")), reply,
                             [this, name](const CheckpointInfo& c, SpritesReply found) {
                                 restoreCheckpoint(name, c.id, found);
                             });
          });
    route(Method::Get, QStringLiteral("/policy/network"),
          [this](const http::Request&, SpritesReply reply, const QString& name) {
              m_backend.networkPolicy(name).then(
                  this, [this, name, reply](Result<NetworkPolicy> policy) mutable {
                      if (!policy)
                          return backendError(reply, policy.error());
                      const QJsonObject stored = sprites::networkPolicyJson(policy.value());
                      // The document as it was sent, while the backend still holds it: the
                      // backend needs an action on every rule, a caller may leave it out of an
                      // `include` (§7.2), and GET returns what was set.
                      const QJsonObject sent = m_networkPolicies.value(name);
                      const auto parsed = parsePolicy(sent);
                      if (!sent.isEmpty() && parsed &&
                          sprites::networkPolicyJson(parsed.value()) == stored)
                          return reply.json(sent);
                      reply.json(stored);
                  });
          });
    route(Method::Post, QStringLiteral("/policy/network"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_body"), why);
              const auto policy = parsePolicy(*body);
              if (!policy)
                  return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_policy"),
                                            policy.error().message);
              // LocalBackend stores it; a `*` deny rule cuts the sandbox's network.
              m_backend.setNetworkPolicy(name, policy.value())
                  .then(this, [this, name, sent = *body, reply](Status set) mutable {
                      if (!set)
                          return backendError(reply, set.error());
                      m_networkPolicies.insert(name, sent);
                      reply.noContent(); // exactly 204 (§7.1)
                  });
          });
}

void SpritesApi::listSessions(const QString& name, SpritesReply reply) {
    m_backend.sessions(name).then(this, [name, reply](Result<QList<SessionInfo>> all) mutable {
        if (!all)
            return backendError(reply, all.error());
        QJsonArray sessions;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const SessionInfo& s : all.value()) {
            if (!s.running)
                continue;
            QJsonObject session{
                {QStringLiteral("id"), s.id},
                {QStringLiteral("command"), s.command.join(QLatin1Char(' '))},
                {QStringLiteral("workdir"), QString()},
                {QStringLiteral("created"), timeValue(s.startedAt.isValid() ? s.startedAt : now)},
                {QStringLiteral("bytes_per_second"), 0},
                {QStringLiteral("is_active"),
                 s.lastActivityAt.isValid() && s.lastActivityAt.secsTo(now) < 60},
                {QStringLiteral("tty"), s.tty}};
            if (s.lastActivityAt.isValid())
                session.insert(QStringLiteral("last_activity"), timeValue(s.lastActivityAt));
            sessions.append(session);
        }
        reply.json(QJsonObject{{QStringLiteral("sessions"), sessions},
                               {QStringLiteral("count"), sessions.size()}});
    });
}

void SpritesApi::killSession(const http::Request& request, SpritesReply reply,
                             const QString& name) {
    const QString id = request.param(QStringLiteral("session"));
    QString signal = queryValue(request, QStringLiteral("signal")).toUpper();
    if (signal.isEmpty())
        signal = QStringLiteral("SIGTERM");
    if (!signal.startsWith(QLatin1String("SIG")))
        signal.prepend(QStringLiteral("SIG"));
    static const QHash<QString, int> numbers{{QStringLiteral("SIGTERM"), SIGTERM},
                                             {QStringLiteral("SIGKILL"), SIGKILL},
                                             {QStringLiteral("SIGINT"), SIGINT},
                                             {QStringLiteral("SIGHUP"), SIGHUP},
                                             {QStringLiteral("SIGQUIT"), SIGQUIT}};
    const int number = numbers.value(signal);
    if (number == 0)
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_signal"),
                                  QStringLiteral("unsupported signal '%1'").arg(signal));
    qint64 timeoutMs = DefaultKillTimeoutMs;
    QString timeoutText = QStringLiteral("10s");
    if (const QString timeout = queryValue(request, QStringLiteral("timeout"));
        !timeout.isEmpty()) {
        const auto parsed = parseDurationMs(timeout);
        if (!parsed)
            return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"),
                                      QStringLiteral("timeout must be a duration like 10s"));
        // Go sends its zero duration, "0s", when the caller gave none: that is the default.
        if (*parsed > 0) {
            timeoutMs = *parsed;
            timeoutText = timeout;
        }
    }
    QPointer<ExecSession> session = m_backend.attach(name, id);
    if (!session) {
        m_backend.sessions(name).then(this, [id, reply](Result<QList<SessionInfo>> all) mutable {
            bool ended = false;
            for (const SessionInfo& s : all ? all.value() : QList<SessionInfo>{})
                ended = ended || s.id == id;
            if (ended)
                return reply.gatewayError(
                    S::Gone, QStringLiteral("session_exited"),
                    QStringLiteral("session '%1' has already exited").arg(id));
            reply.gatewayError(S::NotFound, QStringLiteral("session_not_found"),
                               QStringLiteral("no session '%1'").arg(id));
        });
        return;
    }
    // A local command takes any signal and a SIGKILL of our own after `timeout`; any other
    // session can only terminate (SIGTERM, then SIGKILL after its backend's grace period).
    QPointer<local::LocalExecSession> local = qobject_cast<local::LocalExecSession*>(session);
    QJsonObject sent{
        {QStringLiteral("type"), QStringLiteral("signal")},
        {QStringLiteral("message"), QStringLiteral("Sent %1 to session %2").arg(signal, id)},
        {QStringLiteral("signal"), signal}};
    if (const std::optional<qint64> pid = local ? local->pid() : std::nullopt)
        sent.insert(QStringLiteral("pid"), *pid);
    reply.startStream();
    reply.streamLine(sent);
    auto* guard = new QObject(this);
    auto killed = std::make_shared<bool>(number == SIGKILL);
    auto finished = std::make_shared<bool>(false);
    auto finish = [reply, guard, finished](const QList<QJsonObject>& lines) mutable {
        if (std::exchange(*finished, true))
            return;
        for (const QJsonObject& line : lines)
            reply.streamLine(line);
        reply.endStream();
        guard->deleteLater();
    };
    connect(session, &ExecSession::exited, guard, [finish, killed](int code, bool) mutable {
        const QJsonObject how =
            *killed ? QJsonObject{{QStringLiteral("type"), QStringLiteral("killed")},
                                  {QStringLiteral("message"),
                                   QStringLiteral("process killed by SIGKILL")}}
                    : QJsonObject{{QStringLiteral("type"), QStringLiteral("exited")},
                                  {QStringLiteral("message"),
                                   QStringLiteral("process exited with code %1").arg(code)}};
        finish({how,
                {{QStringLiteral("type"), QStringLiteral("complete")},
                 {QStringLiteral("exit_code"), code < 0 || code > 255 ? 255 : code}}});
    });
    if (local && !*killed) {
        QTimer::singleShot(timeoutMs, guard, [reply, local, killed, timeoutText]() mutable {
            if (!local || !local->isRunning())
                return;
            reply.streamLine(
                {{QStringLiteral("type"), QStringLiteral("timeout")},
                 {QStringLiteral("message"),
                  QStringLiteral("Timeout after %1, sending SIGKILL").arg(timeoutText)}});
            *killed = true;
            local->sendSignalNumber(SIGKILL);
        });
    }
    // Give up waiting well after the timeout (and the backend's own escalation).
    QTimer::singleShot(timeoutMs + 5000, guard, [finish]() mutable {
        finish({{{QStringLiteral("type"), QStringLiteral("error")},
                 {QStringLiteral("message"),
                  QStringLiteral("Warning: process may not have terminated")}},
                {{QStringLiteral("type"), QStringLiteral("complete")}}});
    });
    if (local && local->isRunning())
        local->sendSignalNumber(number);
    else
        session->terminate(); // also cancels a command that has not started yet
}

void SpritesApi::createCheckpoint(const http::Request& request, SpritesReply reply,
                                  const QString& name) {
    QString why;
    const auto body = request.http.body().trimmed().isEmpty()
                          ? std::optional<QJsonObject>(QJsonObject{})
                          : request.jsonObject(&why);
    if (!body)
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_body"), why);
    const QString comment = body->value(QStringLiteral("comment")).toString();
    reply.startStream();
    reply.streamLine(progressEvent(QStringLiteral("info"), QStringLiteral("data"),
                                   QStringLiteral("Creating checkpoint...")));
    reply.streamLine(progressEvent(QStringLiteral("info"), QStringLiteral("data"),
                                   QStringLiteral("Saving filesystem state...")));
    m_backend.createCheckpoint(name, comment)
        .then(this, [reply](Result<CheckpointInfo> created) mutable {
            if (!created)
                reply.streamLine(progressEvent(QStringLiteral("error"), QStringLiteral("error"),
                                               created.error().describe()));
            else
                reply.streamLine(
                    progressEvent(QStringLiteral("complete"), QStringLiteral("data"),
                                  QStringLiteral("Checkpoint %1 created").arg(created.value().id)));
            reply.endStream();
        });
}

void SpritesApi::restoreCheckpoint(const QString& name, const QString& id, SpritesReply reply) {
    reply.startStream();
    reply.streamLine(progressEvent(QStringLiteral("info"), QStringLiteral("data"),
                                   QStringLiteral("Restoring to checkpoint %1...").arg(id)));
    m_backend.restoreCheckpoint(name, id).then(this, [reply, id](Status restored) mutable {
        if (!restored)
            reply.streamLine(progressEvent(QStringLiteral("error"), QStringLiteral("error"),
                                           restored.error().describe()));
        else
            reply.streamLine(progressEvent(QStringLiteral("complete"), QStringLiteral("data"),
                                           QStringLiteral("Restored to %1").arg(id)));
        reply.endStream();
    });
}

void SpritesApi::withCheckpoint(const QString& name, const QString& id, SpritesReply reply,
                                std::function<void(const CheckpointInfo&, SpritesReply)> then) {
    m_backend.listCheckpoints(name).then(
        this, [id, reply, then](Result<QList<CheckpointInfo>> all) mutable {
            if (!all)
                return backendError(reply, all.error());
            for (const CheckpointInfo& c : all.value()) {
                if (c.id == id)
                    return then(c, reply);
            }
            reply.gatewayError(S::NotFound, QStringLiteral("checkpoint_not_found"),
                               QStringLiteral("no checkpoint '%1'").arg(id));
        });
}

} // namespace hangar::spritesapi
