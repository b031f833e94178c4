# kiosk_embed_files(OUTPUT NAMESPACE COMMENT FILE...): generates OUTPUT, a C++ source whose
# `NAMESPACE::embeddedFile(name)` returns each file's bytes by its base name (embed_files.cmake),
# rebuilt when a file changes — so templates, styles and words ship inside the binary.
set(KIOSK_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
function(kiosk_embed_files output namespace comment)
  string(REPLACE ";" "|" file_args "${ARGN}")  # one argument through the shell
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} "-DFILES=${file_args}" -P
            ${KIOSK_EMBED_SCRIPT}
    DEPENDS ${ARGN} ${KIOSK_EMBED_SCRIPT}
    COMMENT "${comment}"
    VERBATIM)
endfunction()
