// tests for gates
