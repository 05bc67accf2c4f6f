"""Language schools and the cooperation with each: strategy and programme, steering group (E2)."""
