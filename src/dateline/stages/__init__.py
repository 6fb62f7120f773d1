"""Stage 2 of the flow, one module per step: actors, places, dates, quotes, events."""
