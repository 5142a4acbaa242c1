# gcpo-bench-gui: curves view responsiveness (5 finished runs of 10 000 steps + a live run), and
# with --compare the compare view opening an experiment of 2 arms x 8 seeds.
# Its source is under bench/, outside the gcpo_widgets glob.
add_executable(gcpo-bench-gui ${CMAKE_CURRENT_LIST_DIR}/bench_gui.cpp ${CMAKE_CURRENT_LIST_DIR}/bench_compare.cpp)
target_link_libraries(gcpo-bench-gui PRIVATE gcpo_widgets)
gcpo_target_defaults(gcpo-bench-gui)
