# KIOSK_SANITIZE: ASan + UBSan for the whole tree; the README's test command builds this way.
if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
