"""Uddannelse – herfra hvor vi står (B6): education offers from where the person stands."""
