"""The law as code (shared/law): the rules, the Danish calendar and the deadline calculator."""
