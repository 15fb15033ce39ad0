# Generates a C++ source defining `const char* const NAME` (in namespace NS) that
# holds the text of FILE, so the binary carries it. Re-runs when FILE changes; a
# .json file that does not parse stops the configure step.
function(touchpoint_embed_text file output namespace name)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} EMBEDDED_TEXT)
  if(file MATCHES "\\.json$")
    string(JSON ignored ERROR_VARIABLE json_error TYPE "${EMBEDDED_TEXT}")
    if(json_error)
      message(FATAL_ERROR "${file} is not valid JSON: ${json_error}")
    endif()
  endif()
  if(EMBEDDED_TEXT MATCHES "\\)touchpoint_text\"")
    message(FATAL_ERROR "${file} holds the raw string delimiter )touchpoint_text\"")
  endif()
  file(RELATIVE_PATH source ${PROJECT_SOURCE_DIR} ${file})
  set(EMBEDDED_NAMESPACE ${namespace})
  set(EMBEDDED_NAME ${name})
  set(EMBEDDED_SOURCE ${source})
  file(CONFIGURE OUTPUT ${output} CONTENT
"// Generated from @EMBEDDED_SOURCE@ by cmake/EmbedText.cmake: edit that file.
namespace @EMBEDDED_NAMESPACE@ {
extern const char* const @EMBEDDED_NAME@;
const char* const @EMBEDDED_NAME@ = R\"touchpoint_text(@EMBEDDED_TEXT@)touchpoint_text\";
} // namespace @EMBEDDED_NAMESPACE@
" @ONLY)
endfunction()
