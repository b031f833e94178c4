// Commitment photos as OpenGL textures, decoded with stb_image on first use and cached by file
// name; a missing or broken photo is remembered as such and the view draws the initial instead.
// Main (GL) thread only.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "kiosk/ui/view_context.hpp"

namespace kiosk::platform {

class GlPhotoSource final : public ui::PhotoSource {
 public:
  explicit GlPhotoSource(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~GlPhotoSource() override;
  GlPhotoSource(const GlPhotoSource&) = delete;
  GlPhotoSource& operator=(const GlPhotoSource&) = delete;

  ImTextureID photo(const std::string& fileName) override;
  // Drops every texture (a new list may reuse file names for new photos).
  void clear();

 private:
  std::filesystem::path dir_;
  std::map<std::string, unsigned int> textures_;  // 0 = could not be loaded
};

}  // namespace kiosk::platform
