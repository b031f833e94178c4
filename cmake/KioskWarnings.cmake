# kiosk_warnings: an INTERFACE target every project target links, so the warning set lives in one
# place (and the sanitizers come with it: KioskSanitizers.cmake).
add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wshadow -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(KIOSK_WERROR)
  target_compile_options(kiosk_warnings INTERFACE -Werror)
endif()
# GCC 12 reports -Wrestrict on ordinary std::string concatenation at -O2 (GCC bug 105651, fixed in
# 13); the warning is noise there, so it alone is switched off for that compiler.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(kiosk_warnings INTERFACE -Wno-restrict)
endif()
