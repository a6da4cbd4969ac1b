"""Load stage: YAML and Markdown sources, with their positions, into the model."""
