"""Self-sufficiency (B7): the person supports themselves by an ordinary job or SU; the case leaves benefits."""
