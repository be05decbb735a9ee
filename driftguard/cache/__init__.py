"""Persistent stores: per-blob facts (and, later, report history)."""
