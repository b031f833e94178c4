# kiosk_sanitizers: ASan + UBSan as an options target rather than global flags, so what is
# instrumented is what links it — every project target does, through kiosk_warnings — and a
# third-party source compiled into the tree is not instrumented by accident. KIOSK_SANITIZE turns
# it on; the README's test command builds this way.
add_library(kiosk_sanitizers INTERFACE)
if(KIOSK_SANITIZE)
  target_compile_options(kiosk_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(kiosk_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
target_link_libraries(kiosk_warnings INTERFACE kiosk_sanitizers)
