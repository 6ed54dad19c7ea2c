#pragma once

#include "http/Router.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QObject>

namespace hangar {
struct Profile;
class ProfileStore;
} // namespace hangar

namespace hangar::api {

// /api/profiles: list, read, create, replace and delete sandbox profiles. Secret values never
// leave: a profile lists its secrets' names and which of them have a value; values (and
// imported private keys) are write-only fields of create and replace, or PUT .../secrets/:name.
class ProfilesController : public QObject {
    Q_OBJECT
public:
    ProfilesController(ProfileStore& profiles, QObject* parent = nullptr);

    void addRoutes(http::Router& router);

private:
    void list(const http::Request& request, http::HttpReply reply);
    void get(const http::Request& request, http::HttpReply reply);
    void create(const http::Request& request, http::HttpReply reply);
    void replace(const http::Request& request, http::HttpReply reply);
    void remove(const http::Request& request, http::HttpReply reply);
    void setSecret(const http::Request& request, http::HttpReply reply);

    // The profile as JSON with "secretsSet" (names with a value), as the API shows it.
    void replyWithProfile(const Profile& profile, http::HttpReply reply,
                          http::HttpReply::Status status);
    // Writes the request's secretValues and privateKeys one after the other.
    Task<void> writeSecrets(const QString& profileId, const QJsonObject& body);

    ProfileStore& m_profiles;
};

} // namespace hangar::api
