"""The law as code: each act's deadlines as pure, typed rules (one module per act), the Danish calendar
they count on, and the deadline calculator (Fristberegner) every service serves.

``registry.RULES`` names every rule with its parameters; ``routes`` and ``pages`` serve it as
``GET /law/{rule}`` and ``/fristberegner``; ``python -m shared.law due RULE key=value …`` prints it.
"""
