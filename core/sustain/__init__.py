"""Sustain & finance: payment arrangements, Change Concept 5 and Chronic Care Model financing."""
