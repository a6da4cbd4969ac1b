"""Compile trainers' scenarios and quizzes (YAML) and briefing pages (Markdown)
into a static training site. Stages: loading -> checks -> render -> site."""

from .diagnostics import Diagnostic
from .project import CheckResult, Project, check_project

__all__ = ["CheckResult", "Diagnostic", "Project", "check_project"]
