"""Familiesammenføring til udlændinge (B10): the security deposit, the employment effort, coordination."""
