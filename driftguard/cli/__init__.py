"""Command-line interface: one module per subcommand, each returning an exit code."""
