"""The pure numerical core of targets (placeholder until the engine lands)."""
