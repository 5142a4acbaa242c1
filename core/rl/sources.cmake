list(APPEND GCPO_BASE_SOURCES rl/credit.cpp rl/credit_json.cpp rl/metrics.cpp rl/train_config.cpp rl/run_config.cpp rl/algorithms.cpp rl/advantage.cpp rl/ngram_embedding.cpp rl/answer_embedding.cpp rl/embedding_agreement.cpp)
# The RL trainer (LibTorch).
list(APPEND GCPO_TORCH_SOURCES rl/policy_loss.cpp rl/rollouts.cpp rl/evaluator.cpp rl/rl_step.cpp rl/trainer.cpp)
