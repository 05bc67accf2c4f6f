"""The integration plan for complex cases (R5): actions owned by named departments and services."""
