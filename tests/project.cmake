# Project-level checks: the installed tree finds its resources (smoke), and the sources follow
# .clang-format (label format; run `clang-format -i` on the files it names).
add_test(NAME test_install COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
         -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/install-check -DWITH_GUI=${GCPO_BUILD_GUI}
         -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_install.cmake)
set_tests_properties(test_install PROPERTIES LABELS smoke TIMEOUT 300)

find_program(GCPO_CLANG_FORMAT NAMES clang-format clang-format-14)
if(GCPO_CLANG_FORMAT)
  add_test(NAME test_format COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DCLANG_FORMAT=${GCPO_CLANG_FORMAT}
           -P ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_format.cmake)
  set_tests_properties(test_format PROPERTIES LABELS format TIMEOUT 300)
endif()
