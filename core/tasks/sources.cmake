# Task suites and verifiers (plain C++17, no LibTorch, no Qt).
list(APPEND GCPO_BASE_SOURCES
  tasks/task.cpp tasks/task_util.cpp tasks/rational.cpp tasks/expression.cpp tasks/countdown.cpp
  tasks/sum_decomposition.cpp tasks/arithmetic.cpp tasks/linear_equation.cpp tasks/answer_extraction.cpp
  tasks/dataset_import.cpp tasks/imported_family.cpp tasks/task_suite.cpp tasks/line_verifier.cpp)
