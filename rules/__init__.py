"""driftguard's shipped presets (TOML files), installed as the package driftguard.presets."""
