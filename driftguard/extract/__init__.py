"""Run languages over blobs and link their facts into a Snapshot."""
