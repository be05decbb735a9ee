"""driftguard: catch architectural drift between parallel branches before merge."""

__version__ = "0.1.0"
