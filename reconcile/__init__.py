"""Align indicators across sections, check the figures, and report the findings."""
