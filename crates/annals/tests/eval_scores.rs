// tests for eval_scores
