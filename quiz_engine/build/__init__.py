"""Build stage: staging, the site engines, the SCORM packages and the preview server."""
