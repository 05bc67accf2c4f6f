"""Absence lists from the language school (E4): registered here, unexcused absence reported to reception."""
