"""Runners: how many articles at once; the only place that knows parallelism."""
