"""Compile trainers' scenarios and quizzes (YAML) and briefing pages (Markdown)
into a static training site. The stages are the subpackages, each importing only
those before it: load -> check -> render -> build; runtime/ is the browser's part."""

from .check.run import CheckResult, check_project
from .load.diagnostics import Diagnostic
from .load.project import Project

__all__ = ["CheckResult", "Diagnostic", "Project", "check_project"]
