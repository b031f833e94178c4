# kiosk_warnings: an INTERFACE target every project target links, so the warning set lives in one place.
add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wshadow -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(KIOSK_WERROR)
  target_compile_options(kiosk_warnings INTERFACE -Werror)
endif()
