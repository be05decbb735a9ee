"""The drift report: metrics, drift since the last run, cross-repository contracts (pure)."""
