"""Insights for trainers: learning records (xAPI statements) read from an LRS or a file,
summarised in one pass, and written as a static report (`python build.py insights`)."""
