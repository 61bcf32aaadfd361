//! Evaluation: TempEval-3 Task A timex scoring.
