# Every third-party dependency comes from Debian packages; this file turns them into imported targets.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SDL2 REQUIRED)
find_package(OpenGL REQUIRED COMPONENTS OpenGL)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
# Argon2id for the staff PIN (crypto_pwhash); OpenSSL 3.0 has no Argon2.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

# libimgui-dev ships a static archive with the SDL2/OpenGL3 backends inside; stb comes from libstb.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
add_library(imgui_debian INTERFACE)
target_link_libraries(imgui_debian INTERFACE PkgConfig::IMGUI)
target_include_directories(imgui_debian SYSTEM INTERFACE /usr/include/imgui /usr/include/imgui/backends /usr/include/stb)

find_path(DOCTEST_INCLUDE_DIR doctest/doctest.h REQUIRED)
add_library(doctest_debian INTERFACE)
target_include_directories(doctest_debian SYSTEM INTERFACE "${DOCTEST_INCLUDE_DIR}")
