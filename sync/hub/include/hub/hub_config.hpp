// hub.toml: the hub's settings, validated when loaded (errors name the key). Plain value.
#pragma once

#include <filesystem>
#include <string>

#include "hub/api.hpp"
#include "hub/https_server.hpp"

namespace hub {

struct HubConfig {
  std::filesystem::path dir;
  std::string listen = "127.0.0.1:8443";
  std::filesystem::path database;
  std::filesystem::path tlsCertificate;
  std::filesystem::path tlsKey;
  ApiConfig api;
  ServerLimits limits;
};

// Throws std::runtime_error "hub.toml: <key>: <problem>".
HubConfig loadHubConfig(const std::filesystem::path& dir);
std::string defaultHubToml(const std::string& deployment);

// "127.0.0.1:8443" or "[::1]:8443"; throws naming the text when malformed.
std::pair<std::string, unsigned short> parseListen(const std::string& text);

}  // namespace hub
