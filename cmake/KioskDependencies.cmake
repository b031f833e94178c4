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

# The sync libraries and the hub.
find_package(CURL REQUIRED)                 # the kiosk's HTTPS client (sync/transport)
find_package(EXPAT REQUIRED)                # reading list workbooks (sync/list_sheet)
find_package(Boost 1.81 REQUIRED)           # Beast and Asio: the hub's HTTPS server
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)        # ZIP archives (USB bundles, workbooks)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)            # PostgreSQL
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # the ledgers
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)   # the second factor's enrolment QR code
pkg_check_modules(VORBISFILE REQUIRED IMPORTED_TARGET vorbisfile)  # a hall's recorded prompts in Ogg Vorbis
pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)       # the kiosk reads aloud (voice cmn), offline
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)      # the console's templates
find_package(doctest REQUIRED)              # the tests
