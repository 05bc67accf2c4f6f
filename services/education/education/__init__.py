"""Education: language assessment, language school, courses (E1–E5). Thin for now: E1 intake."""
