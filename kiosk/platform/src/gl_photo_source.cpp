#include "kiosk/platform/gl_photo_source.hpp"

#include <SDL_opengl.h>
#include <stb_image.h>

#include <cstdint>
#include <memory>

namespace kiosk::platform {

namespace {
constexpr std::uintmax_t kMaxPhotoBytes = 4u * 1024u * 1024u;
constexpr int kMaxPhotoSide = 2048;

unsigned int loadTexture(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxPhotoBytes) return 0;
  int w = 0, h = 0, channels = 0;
  if (!stbi_info(file.c_str(), &w, &h, &channels) || w > kMaxPhotoSide || h > kMaxPhotoSide) return 0;
  std::unique_ptr<unsigned char, decltype(&stbi_image_free)> pixels(stbi_load(file.c_str(), &w, &h, &channels, 4),
                                                                    stbi_image_free);
  if (!pixels) return 0;
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.get());
  return tex;
}
}  // namespace

GlPhotoSource::~GlPhotoSource() { clear(); }

ImTextureID GlPhotoSource::photo(const std::string& fileName) {
  auto it = textures_.find(fileName);
  if (it == textures_.end()) it = textures_.emplace(fileName, loadTexture(dir_ / fileName)).first;
  return it->second ? reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(it->second)) : nullptr;
}

void GlPhotoSource::clear() {
  for (auto& [name, tex] : textures_)
    if (tex) glDeleteTextures(1, &tex);
  textures_.clear();
}

}  // namespace kiosk::platform
