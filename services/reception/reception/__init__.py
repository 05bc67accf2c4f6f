"""Reception: handover from Udlændingestyrelsen, the case, arrival and Borgerservice onboarding (R1–R13)."""
