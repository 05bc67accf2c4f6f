"""C4 Koordinerende team: monthly meetings of the department heads, agenda, actions, months without a meeting."""
