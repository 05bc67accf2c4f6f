"""Virksomhedspraktik (B5): companies, outreach to them, company and language internships per case."""
