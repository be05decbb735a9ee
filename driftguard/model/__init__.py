"""Pure core: facts, snapshot graph, diff, findings. Knows nothing of git, files or output."""
