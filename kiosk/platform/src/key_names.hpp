// SDL key events to X11 keysym names ("KP_1", "Return"), the vocabulary of kiosk.toml's [keys].
// Pure lookup; any thread.
#pragma once

#include <SDL.h>

#include <string>

namespace kiosk::platform {

// Empty when the key has no name the kiosk uses.
std::string keyName(const SDL_Keysym& key);

}  // namespace kiosk::platform
