// tests for text_segment
