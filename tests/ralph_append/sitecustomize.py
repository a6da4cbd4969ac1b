"""Imported by every Python process of ralph that the tests start (PYTHONPATH): ralph-malph
5.1.0's filesystem LRS backend writes each request's statements with the data backend's
default operation, "create", which refuses a file that exists, so only the first request
is ever stored (500 afterwards). Appending is what an LRS on one file needs; nothing else changes."""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
