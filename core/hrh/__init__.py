"""Harm Reduction is Healthcare, steps 1-9: one module per step, named after its step id."""
