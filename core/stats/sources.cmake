# Statistics over seeds (plain C++): summaries with t intervals, bootstrap, paired sign-flip tests,
# and the experiment report that `gcpo-train report` and the compare view share.
list(APPEND GCPO_BASE_SOURCES stats/descriptive.cpp stats/resampling.cpp stats/experiment_report.cpp
     stats/experiment_report_json.cpp)
