# The format check (ctest -L format): every tracked C++ source must already be formatted as
# .clang-format says (clang-format --dry-run -Werror). Run: cmake -DSOURCE_DIR=.. -DCLANG_FORMAT=.. -P
execute_process(COMMAND git ls-files "*.cpp" "*.h" WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE listed RESULT_VARIABLE git_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(git_rc EQUAL 0 AND listed)
  string(REPLACE "\n" ";" files "${listed}")
else()  # not a git checkout: the project's own source folders
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/app/*.cpp
       ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/widgets/*.h ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
endif()
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "format: no C++ sources found under ${SOURCE_DIR}")
endif()
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file ${files} WORKING_DIRECTORY ${SOURCE_DIR}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted" bad "${err}")
  list(LENGTH bad n)
  message(FATAL_ERROR "format: ${count} files checked, ${n} places differ from .clang-format "
                      "(fix with: clang-format -i <file>):\n${err}")
endif()
message(STATUS "format: ${count} files follow .clang-format")
