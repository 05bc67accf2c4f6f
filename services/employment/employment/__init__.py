"""Employment: match conversation, plans, internships, follow-up (B1–B11). Thin for now: B1 intake."""
