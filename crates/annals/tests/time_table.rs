// tests for time_table
