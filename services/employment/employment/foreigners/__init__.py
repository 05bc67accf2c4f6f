"""Beskæftigelsesindsats for øvrige udlændinge (B11): cases created in employment, no CPR number."""
