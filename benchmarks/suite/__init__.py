"""The performance suite behind `benchmarks/run`: one module per figure of issue 9."""
