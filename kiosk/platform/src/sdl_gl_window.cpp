#include "kiosk/platform/sdl_gl_window.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "key_names.hpp"

namespace kiosk::platform {

namespace {
[[noreturn]] void sdlFail(const std::string& what) { throw std::runtime_error(what + ": " + SDL_GetError()); }

void translate(const SDL_Event& e, PlatformEvents& out, bool lockedDown, bool& closeRequested) {
  using Kind = ui::PointerEvent::Kind;
  // A window manager's close request arrives as WINDOWEVENT_CLOSE followed by QUIT; a signal
  // (systemd stopping the service) arrives as QUIT alone. Full-screen, only the latter ends the app.
  if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) {
    closeRequested = true;
    return;
  }
  if (e.type == SDL_QUIT && lockedDown && closeRequested) {
    closeRequested = false;
    return;
  }
  if (e.type == SDL_USEREVENT) {
    out.woken = true;
    return;
  }
  switch (e.type) {
    case SDL_QUIT: out.quit = true; break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) out.resized = true;
      if (e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SHOWN) out.exposed = true;
      break;
    case SDL_MOUSEMOTION:
      out.pointer.push_back({Kind::Move, {static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)}, 0});
      break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      // Touch arrives here too (SDL turns the first finger into the left button).
      if (e.button.button == SDL_BUTTON_LEFT)
        out.pointer.push_back({e.type == SDL_MOUSEBUTTONDOWN ? Kind::Down : Kind::Up,
                               {static_cast<float>(e.button.x), static_cast<float>(e.button.y)},
                               0});
      break;
    case SDL_MOUSEWHEEL: {
      int x = 0, y = 0;
      SDL_GetMouseState(&x, &y);
      out.pointer.push_back({Kind::Wheel, {static_cast<float>(x), static_cast<float>(y)}, e.wheel.preciseY});
      break;
    }
    case SDL_KEYDOWN:
      if (!e.key.repeat) {
        if (std::string name = keyName(e.key.keysym); !name.empty()) out.keys.push_back(std::move(name));
      }
      break;
    default: break;
  }
}
}  // namespace

SdlGlWindow::SdlGlWindow(const WindowOptions& options) {
  // A kiosk must never let the display blank or sleep while residents may walk up.
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) sdlFail("SDL_Init");
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  // ImGui draws in 2D: no depth or stencil buffer (4 MB saved at 1080p with software GL).
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
  if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                             options.height, flags);
  if (!window_) sdlFail("SDL_CreateWindow");
  gl_ = SDL_GL_CreateContext(window_);
  if (!gl_) sdlFail("SDL_GL_CreateContext");
  SDL_GL_MakeCurrent(window_, gl_);
  SDL_GL_SetSwapInterval(1);  // may fail (e.g. under Xvfb); the loop is event-driven either way
  if (!ImGui_ImplOpenGL3_Init("#version 130")) throw std::runtime_error("ImGui OpenGL3 renderer failed to start");
  lockedDown_ = options.fullscreen;
  if (options.hideCursor) SDL_ShowCursor(SDL_DISABLE);
  // Create the renderer's shaders now, then drop the RGBA font texture it makes on the way:
  // uploadFonts() provides the real one.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui::GetIO().Fonts->Clear();
  GLint major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  swizzle_ = major > 3 || (major == 3 && minor >= 3);
}

SdlGlWindow::~SdlGlWindow() {
  if (fontTexture_) glDeleteTextures(1, &fontTexture_);
  ImGui_ImplOpenGL3_Shutdown();
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

PlatformEvents SdlGlWindow::wait(int timeoutMs) {
  PlatformEvents out;
  SDL_Event e;
  const int got = timeoutMs < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeoutMs);
  bool closeRequested = false;
  if (got) {
    translate(e, out, lockedDown_, closeRequested);
    while (SDL_PollEvent(&e)) translate(e, out, lockedDown_, closeRequested);
  }
  return out;
}

void SdlGlWindow::wakeFromAnyThread() {
  SDL_Event e{};
  e.type = SDL_USEREVENT;
  SDL_PushEvent(&e);  // documented as thread-safe
}

void SdlGlWindow::size(int& width, int& height) const { SDL_GL_GetDrawableSize(window_, &width, &height); }

void SdlGlWindow::uploadFonts() {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (fontTexture_) glDeleteTextures(1, &fontTexture_);
  glGenTextures(1, &fontTexture_);
  glBindTexture(GL_TEXTURE_2D, fontTexture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  if (swizzle_) {
    // White with the glyph coverage as alpha, exactly what ImGui's RGBA32 conversion produces.
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  } else {
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  }
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(fontTexture_)));
  atlas.ClearTexData();  // the GPU has it now; keep RSS down
}

bool SdlGlWindow::shown() const {
  return (SDL_GetWindowFlags(window_) & (SDL_WINDOW_HIDDEN | SDL_WINDOW_MINIMIZED)) == 0;
}

void SdlGlWindow::beginFrame() { ImGui_ImplOpenGL3_NewFrame(); }

void SdlGlWindow::present(ImDrawData* drawData, unsigned int clearColor, RgbaFrame* capture) {
  int w = 0, h = 0;
  size(w, h);
  glViewport(0, 0, w, h);
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(clearColor);
  glClearColor(c.x, c.y, c.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(drawData);
  if (capture && w > 0 && h > 0) {
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    std::vector<unsigned char> bottomUp(row * static_cast<std::size_t>(h));
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
    capture->width = w;
    capture->height = h;
    capture->pixels.resize(bottomUp.size());
    for (int y = 0; y < h; ++y)  // GL's rows run bottom-up
      std::copy_n(bottomUp.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(h - 1 - y)), row,
                  capture->pixels.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
  }
  SDL_GL_SwapWindow(window_);
}

}  // namespace kiosk::platform
