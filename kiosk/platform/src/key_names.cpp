#include "key_names.hpp"

namespace kiosk::platform {

std::string keyName(const SDL_Keysym& key) {
  // Keypad keys by position, so a keypad works whatever Num Lock says.
  const SDL_Scancode sc = key.scancode;
  if (sc >= SDL_SCANCODE_KP_1 && sc <= SDL_SCANCODE_KP_9) return "KP_" + std::to_string(sc - SDL_SCANCODE_KP_1 + 1);
  if (sc == SDL_SCANCODE_KP_0) return "KP_0";
  if (sc == SDL_SCANCODE_KP_ENTER) return "KP_Enter";

  const SDL_Keycode k = key.sym;
  if (k >= SDLK_0 && k <= SDLK_9) return std::string(1, static_cast<char>('0' + (k - SDLK_0)));
  if (k >= SDLK_a && k <= SDLK_z) return std::string(1, static_cast<char>('a' + (k - SDLK_a)));
  if (k >= SDLK_F1 && k <= SDLK_F12) return "F" + std::to_string(k - SDLK_F1 + 1);
  switch (k) {
    case SDLK_RETURN: return "Return";
    case SDLK_ESCAPE: return "Escape";
    case SDLK_BACKSPACE: return "BackSpace";
    case SDLK_SPACE: return "space";
    case SDLK_TAB: return "Tab";
    case SDLK_UP: return "Up";
    case SDLK_DOWN: return "Down";
    case SDLK_LEFT: return "Left";
    case SDLK_RIGHT: return "Right";
    case SDLK_PAGEUP: return "Prior";
    case SDLK_PAGEDOWN: return "Next";
    case SDLK_HOME: return "Home";
    case SDLK_END: return "End";
    default: return {};
  }
}

}  // namespace kiosk::platform
