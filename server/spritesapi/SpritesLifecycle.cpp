// The Sprites emulator's gateway additions of @fly/sprites 0.1.0 (sprites-api.md §14.2): sprite
// restart, check and upgrade (§2.7), and the sprite watch (GET /v1/sprites as NDJSON).
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "util/Async.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr int WatchPollMs = 500;         // how often the watch looks for status changes
constexpr int WatchHeartbeatMs = 15'000; // §14.2.3: a heartbeat every 15-30 s

} // namespace

void SpritesApi::addLifecycleRoutes() {
    auto route = [this](Method method, const QString& suffix, auto run) {
        m_server->route(method, QStringLiteral("/v1/sprites/:name") + suffix,
                        [this, run](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (checkSprite(name, reply))
                                run(r, reply, name);
                        });
    };
    // §2.7: nothing to upgrade locally; the answer both SDKs accept.
    route(Method::Post, QStringLiteral("/upgrade"),
          [](const http::Request&, SpritesReply reply, const QString&) { reply.noContent(); });
    // §14.2.6: a health verdict that neither wakes the sprite nor changes its status.
    route(
        Method::Get, QStringLiteral("/check"),
        [this](const http::Request&, SpritesReply reply, const QString& name) {
            const SpriteRecord record = *m_registry.get(name);
            auto timer = std::make_shared<QElapsedTimer>();
            timer->start();
            m_backend.status(name).then(this, [reply, record,
                                               timer](Result<ProviderStatus> status) mutable {
                const bool healthy = status.ok();
                reply.json(QJsonObject{
                    {QStringLiteral("sprite_name"), record.name},
                    {QStringLiteral("sprite_id"), record.id},
                    {QStringLiteral("status"),
                     healthy ? QStringLiteral("healthy") : QStringLiteral("unhealthy")},
                    {QStringLiteral("reason"),
                     healthy ? QJsonValue() : QJsonValue(status.error().describe())},
                    {QStringLiteral("checked_at"), timeValue(QDateTime::currentDateTimeUtc())},
                    {QStringLiteral("elapsed"), static_cast<double>(timer->nsecsElapsed()) / 1e6}});
            });
        });
    // §14.2.5: answer at once; the running commands end as if the machine went down, the
    // files stay, and the services that were running start again (the backend restarts a
    // service whose process ended without being asked to).
    route(Method::Post, QStringLiteral("/restart"),
          [this](const http::Request&, SpritesReply reply, const QString& name) {
              const SpriteRecord record = *m_registry.get(name);
              reply.json(
                  QJsonObject{{QStringLiteral("sprite_name"), name},
                              {QStringLiteral("machine_id"), record.id},
                              {QStringLiteral("message"), QStringLiteral("restart initiated")}});
              m_backend.sessions(name).then(
                  this, [this, name](Result<QList<SessionInfo>> sessions) {
                      if (!sessions)
                          return;
                      for (const SessionInfo& info : sessions.value()) {
                          if (ExecSession* session = m_backend.attach(name, info.id))
                              session->terminate();
                      }
                  });
          });
}

void SpritesApi::watchSprites(const http::Request& request, SpritesReply reply) {
    const QString prefix = queryValue(request, QStringLiteral("prefix"));
    int max = -1;
    if (const QString text = queryValue(request, QStringLiteral("max_results")); !text.isEmpty())
        max = std::max(1, text.toInt());
    reply.startStream();
    // The stream lives as long as the client's connection.
    auto* watch = new QObject(this);
    if (QTcpSocket* socket = reply.socket()) {
        connect(socket, &QAbstractSocket::disconnected, watch, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, watch, &QObject::deleteLater);
    }
    auto last = std::make_shared<QHash<QString, QString>>(); // name -> status sent
    // The counters of the last poll, which the heartbeats repeat.
    auto lastOrg = std::make_shared<QJsonObject>(orgCounters({}));
    auto poll = [this, prefix, max, last, lastOrg, reply, watch]() mutable {
        QList<SpriteRecord> records;
        for (const SpriteRecord& record : m_registry.all()) {
            if (record.name.startsWith(prefix) && (max < 0 || records.size() < max))
                records.append(record);
        }
        QList<Task<ProviderStatus>> statuses;
        for (const SpriteRecord& record : records)
            statuses.append(m_backend.status(record.name));
        // Not .then(watch): the watch may end first (Qt 6.4 asserts the context alive).
        QtFuture::whenAll(statuses.begin(), statuses.end())
            .then(this, [this, records, last, lastOrg, reply, alive = QPointer<QObject>(watch)](
                            const QList<Task<ProviderStatus>>& done) mutable {
                if (!alive)
                    return;
                QMap<QString, int> counts;
                QList<QPair<SpriteRecord, QString>> current;
                for (qsizetype i = 0; i < done.size(); ++i) {
                    const Result<ProviderStatus> status = done.at(i).result();
                    if (!status)
                        continue; // deleted meanwhile
                    const QString name = providerStatusName(status.value().state);
                    counts[name] += 1;
                    current.append({records.at(i), name});
                }
                const QJsonObject org = orgCounters(counts);
                *lastOrg = org;
                QHash<QString, QString> seen;
                for (const auto& [record, status] : current) {
                    seen.insert(record.name, status);
                    if (last->value(record.name) == status)
                        continue;
                    reply.streamLine(
                        {{QStringLiteral("name"), record.name},
                         {QStringLiteral("status"), status},
                         {QStringLiteral("running_version"),
                          QString::fromLatin1(SpritesReply::Version)},
                         {QStringLiteral("last_running_at"), timeValue(record.lastRunningAt)},
                         {QStringLiteral("timestamp"), timeValue(QDateTime::currentDateTimeUtc())},
                         {QStringLiteral("org"), org}});
                }
                *last = seen; // a deleted sprite gets no further lines
            });
    };
    auto* timer = new QTimer(watch);
    connect(timer, &QTimer::timeout, watch, poll);
    timer->start(WatchPollMs);
    auto* heartbeat = new QTimer(watch);
    connect(heartbeat, &QTimer::timeout, watch, [reply, lastOrg]() mutable {
        reply.streamLine({{QStringLiteral("type"), QStringLiteral("heartbeat")},
                          {QStringLiteral("timestamp"), timeValue(QDateTime::currentDateTimeUtc())},
                          {QStringLiteral("org"), *lastOrg}});
    });
    heartbeat->start(WatchHeartbeatMs);
    poll();
}

} // namespace hangar::spritesapi
