// The kiosk's window: SDL2 + an OpenGL 3 context + Dear ImGui's OpenGL3 renderer. Translates SDL
// events into pointer events and key names and blocks in SDL_WaitEventTimeout, so an idle kiosk
// uses no CPU. The only code that sees SDL or GL. Main thread only.
#pragma once

#include <string>
#include <vector>

#include "kiosk/platform/screen_capture.hpp"
#include "kiosk/ui/input_queue.hpp"

struct SDL_Window;
struct ImDrawData;

namespace kiosk::platform {

struct WindowOptions {
  bool fullscreen = true;  // desktop full-screen; otherwise a window of width x height
  int width = 1920;
  int height = 1080;
  std::string title = "Commitment rating";
  bool hideCursor = false;  // touch-only kiosks: no pointer arrow on screen
};

// What happened while waiting, in order of arrival.
struct PlatformEvents {
  std::vector<ui::PointerEvent> pointer;
  std::vector<std::string> keys;  // X11 keysym names of key presses (repeats dropped)
  bool quit = false;
  bool resized = false;
  bool exposed = false;  // the window needs repainting (uncovered, shown)
  bool woken = false;    // another thread asked the loop to look at its mailbox
  bool any() const { return quit || resized || exposed || woken || !pointer.empty() || !keys.empty(); }
};

class SdlGlWindow {
 public:
  // Creates SDL, the window, the GL context and the ImGui OpenGL3 renderer. An ImGui context
  // must exist already. Throws std::runtime_error naming what failed.
  explicit SdlGlWindow(const WindowOptions& options);
  ~SdlGlWindow();
  SdlGlWindow(const SdlGlWindow&) = delete;
  SdlGlWindow& operator=(const SdlGlWindow&) = delete;

  // Blocks until an event arrives or `timeoutMs` passes (-1: no timeout, 0: poll), then drains
  // everything pending.
  PlatformEvents wait(int timeoutMs);

  void size(int& width, int& height) const;
  // Whether the window can be seen: not minimised, not hidden.
  bool shown() const;
  // Ends a wait() early; safe to call from any thread (the sync thread uses it for a new list).
  static void wakeFromAnyThread();
  // Uploads ImGui's font atlas after a (re)build and frees its CPU copy. One channel with a
  // swizzle where GL >= 3.3 allows it: a quarter of the memory of ImGui's own RGBA upload.
  void uploadFonts();
  void beginFrame();
  // Clears to `clearColor` (packed like IM_COL32), draws, swaps. With `capture`, the drawn frame
  // is read back into it just before the swap (the back buffer, which is what the screen is about
  // to show: the front buffer of a composited or Xvfb display may not hold it).
  void present(ImDrawData* drawData, unsigned int clearColor, RgbaFrame* capture = nullptr);

 private:
  SDL_Window* window_ = nullptr;
  void* gl_ = nullptr;
  bool lockedDown_ = false;  // full-screen: a window-close request (Alt+F4, a WM) does not quit
  unsigned int fontTexture_ = 0;
  bool swizzle_ = false;
};

}  // namespace kiosk::platform
