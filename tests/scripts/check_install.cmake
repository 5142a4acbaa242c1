# The install check (ctest -L smoke): `cmake --install` puts the programs and their resources under
# a prefix, and the installed gcpo-train finds the installed resources by itself (no
# $GCPO_RESOURCES). Run: cmake -DBUILD_DIR=.. -DPREFIX=.. -DWITH_GUI=ON|OFF -P
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install: cmake --install ${BUILD_DIR} failed (${rc})")
endif()
set(share ${PREFIX}/share/gcpo-workbench)
set(expected bin/gcpo-train bin/gcpo-bench share/gcpo-workbench/resources/configs/demo.json
    share/gcpo-workbench/resources/configs/sft_demo.json share/gcpo-workbench/resources/presets/gcpo.json)
if(WITH_GUI)
  list(APPEND expected bin/gcpo-workbench share/gcpo-workbench/translations/gcpo_workbench_de.qm
       share/gcpo-workbench/translations/gcpo_workbench_zh_CN.qm)
endif()
foreach(f ${expected})
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "install: ${f} missing under ${PREFIX}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=GCPO_RESOURCES ${PREFIX}/bin/gcpo-train version --json
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install: the installed gcpo-train version failed (${rc})")
endif()
string(JSON found GET "${out}" resources)
file(REAL_PATH ${share}/resources want)
file(REAL_PATH "${found}" got)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "install: the installed gcpo-train uses resources at '${found}', expected ${want}")
endif()
file(REMOVE_RECURSE ${PREFIX})
message(STATUS "install: programs and resources installed; gcpo-train finds ${want}")
