"""Check stage: every rule over the model, diagnostics as data."""
