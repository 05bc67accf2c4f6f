"""Formel godkendelse af uddannelse (B3): recognition of foreign qualifications, the documents it needs."""
