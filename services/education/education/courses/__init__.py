"""The five courses in Danish society, each with a programme, sessions, enrolments and attendance (E5)."""
