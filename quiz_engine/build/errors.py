"""The one error of the build stage: every part of it reports failure this way."""


class BuildFailed(Exception):
    """The build failed (the site engine, the configuration, the disk); the message says why."""
