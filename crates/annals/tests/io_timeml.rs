// tests for io_timeml
