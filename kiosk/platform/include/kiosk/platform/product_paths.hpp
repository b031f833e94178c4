// Where the kiosk finds what ships with it (assets/, config/): share/commitment-kiosk next to an
// installed binary (bin/../share/commitment-kiosk, what `cmake --install` lays out), else the
// source tree it was built from (the demo and tests run from the build tree). Any thread.
#pragma once

#include <filesystem>

namespace kiosk::platform {

std::filesystem::path productRoot();

}  // namespace kiosk::platform
