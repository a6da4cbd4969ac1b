"""Render stage: safe HTML, the browser's data, generated pages, maps and reports."""
