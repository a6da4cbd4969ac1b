"""Command line: check, build, serve, new. `build.py` at the top level calls `main`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build.engine import engine_names
from .check.run import run_check
from .load.config import ConfigError
from .load.diagnostics import default_style
from .load.project import Project


def cmd_check(args: argparse.Namespace) -> int:
    _, failed = run_check(Project.at(args.config), args.strict, args.format, keep_model=False)
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build.errors import BuildFailed  # the build stage is imported only when building
    from .build.site import build_site

    project = Project.at(args.config)
    result, failed = run_check(project, args.strict, args.format)
    default_dir = "site-trainers" if args.trainers else "site"  # two audiences, two folders
    site_dir = Path(args.site_dir) if args.site_dir else project.root / default_dir
    if failed:
        print(f"build: not built because of the errors above; {site_dir} was left as it was.", file=sys.stderr)
        return 1
    try:
        _warn_of_site_url(project, args)
        build_site(
            project,
            result.items,
            site_dir,
            args.site_url,
            engine=args.engine,
            estimates=result.estimates,
            trainers=args.trainers,
        )
    except (BuildFailed, ConfigError) as exc:  # ConfigError: mkdocs.yml, read for the site_url warning
        print(f"build: the site engine failed: {exc}\nbuild: {site_dir} was left as it was.", file=sys.stderr)
        return 1
    audience = "the trainers' site (drafts, maps, report, previews)" if args.trainers else "the learners' site"
    print(f"build: {audience} written to {site_dir}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import json

    from .load.config import section, settings
    from .render.report import format_report_data, report_data

    project = Project.at(args.config)
    result, failed = run_check(project, args.strict, "plain" if args.format == "json" else args.format)
    if failed:
        print("report: fix the errors above first.", file=sys.stderr)
        return 1
    try:
        required = section(settings(project.config_file), "extra.module").get("required", "all")
    except ConfigError:
        required = "all"
    data = report_data(result.items, project.docs_dir, required, result.estimates)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.format == "json" else format_report_data(data))
    return 0


def cmd_scorm(args: argparse.Namespace) -> int:
    import tempfile

    from .build.config import site_name
    from .build.errors import BuildFailed
    from .build.package import PackageFailed, package_site
    from .build.site import build_site

    project = Project.at(args.config)
    result, failed = run_check(project, args.strict, args.format)
    dist = Path(args.dist) if args.dist else project.root / "dist"
    if failed:
        print(f"scorm: not packaged because of the errors above; {dist} was left as it was.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="quiz-engine-scorm-") as folder:
        site_dir = Path(folder) / "site"
        try:
            _warn_of_site_url(project, args)
            build_site(project, result.items, site_dir, lms=True, engine=args.engine, estimates=result.estimates)
            written = package_site(site_dir, dist, site_name(project.config_file), project.root)
        except (BuildFailed, ConfigError) as exc:
            print(f"scorm: the site engine failed: {exc}\nscorm: {dist} was left as it was.", file=sys.stderr)
            return 1
        except (PackageFailed, OSError) as exc:
            print(f"scorm: not packaged: {exc}\nscorm: {dist} was left as it was.", file=sys.stderr)
            return 1
        for path in written:
            print(f"scorm: wrote {path}", file=sys.stderr)
    return 0


def _warn_of_site_url(project: Project, args: argparse.Namespace) -> None:
    from .build.config import site_url_warning

    if not getattr(args, "site_url", None):
        warning = site_url_warning(project.config_file, project.display(project.config_file))
        if warning:
            print(warning.format(args.format), file=sys.stderr if args.format == "plain" else sys.stdout)


def cmd_serve(args: argparse.Namespace) -> int:
    from .build.serve import serve

    return serve(Project.at(args.config), args.host, args.port, args.strict)


def cmd_new(args: argparse.Namespace) -> int:
    from .build.scaffold import ScaffoldError, new_file
    from .check.publishing import module_themes

    project = Project.at(args.config)
    try:
        themes = module_themes(project) or ()
        path = new_file(args.kind, args.id, project.scenarios_dir, display=project.display, themes=themes)
    except ScaffoldError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return 1
    print(
        f"new: wrote {project.display(path)}, a draft: learners do not see it yet. Edit it, then run 'make check'; "
        "preview it with 'make serve' (the trainers' site). To publish it, delete the line 'draft: true'.",
        file=sys.stderr,
    )
    return 0


PROGRAM = "quiz-engine" if Path(sys.argv[0]).name in ("quiz-engine", "__main__.py") else "build.py"
COMMAND = "quiz-engine"  # what a new module is run with: the installed tool


def cmd_init(args: argparse.Namespace) -> int:
    from .build.new_module import InitError, init_module

    try:
        module = init_module(args.path, args.briefing)
    except InitError as exc:
        print(f"init: {exc}", file=sys.stderr)
        return 1
    for note in module.unplaced:
        print(f"init: {note}", file=sys.stderr)
    print(
        f"init: a new module in {module.path}. Next: cd {module.path}, fill in each [[placeholder]] "
        f"('{COMMAND} check' lists them), then '{COMMAND} serve' to preview it.",
        file=sys.stderr,
    )
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    from .insights.write import InsightsError, write_insights

    project = Project.at(args.config)
    out = Path(args.out) if args.out else project.root / "insights"
    try:
        path, summary = write_insights(project.config_file, out, args.lrs, args.auth, args.since, args.file)
    except InsightsError as exc:
        print(f"insights: {exc}\ninsights: {out} was left as it was.", file=sys.stderr)
        return 1
    print(
        f"insights: {summary.statements} statements from {len(summary.learners)} learners; wrote {path}",
        file=sys.stderr,
    )
    return 0


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """Options accepted before or after the command; after it, they must not reset what came before."""
    common = argparse.ArgumentParser(add_help=False)
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    common.add_argument(
        "-f",
        "--config",
        type=Path,
        default=default(Path("mkdocs.yml")),
        help="the project's mkdocs.yml (default: ./mkdocs.yml)",
    )
    common.add_argument("--strict", action="store_true", default=default(False), help="treat warnings as errors")
    common.add_argument(
        "--format",
        choices=("plain", "github", "json"),
        default=default(default_style()),
        help="diagnostic style (github: annotation lines; the default under GitHub Actions); "
        "json: the report as data (report only; diagnostics are then plain)",
    )
    return common


def parser() -> argparse.ArgumentParser:
    common = _common_options(suppress=True)
    main_parser = argparse.ArgumentParser(
        prog=PROGRAM, description="Check and build the training site.", parents=[_common_options(suppress=False)]
    )
    commands = main_parser.add_subparsers(dest="command")
    check = commands.add_parser("check", parents=[common], help="check every scenario, quiz and page; build nothing")
    check.set_defaults(func=cmd_check)
    build = commands.add_parser("build", parents=[common], help="check, then build the site (the default)")
    build.add_argument(
        "-d", "--site-dir", help="where to write the site (default: site/, or site-trainers/, beside mkdocs.yml)"
    )
    build.add_argument(
        "--trainers",
        action="store_true",
        help="build the trainers' site: drafts, the trainers' guide, scenario maps with previews, the report",
    )
    build.add_argument("--site-url", help="override site_url from mkdocs.yml")
    build.add_argument(
        "--engine",
        choices=engine_names(),
        help="site engine (default: extra.engine in mkdocs.yml, else mkdocs; zensical needs 'make zensical' first)",
    )
    build.set_defaults(func=cmd_build)
    report = commands.add_parser(
        "report", parents=[common], help="decision points, endings and paths of each scenario; questions of each quiz"
    )
    report.set_defaults(func=cmd_report)
    scorm = commands.add_parser(
        "scorm", parents=[common], help="build SCORM 1.2 and SCORM 2004 zips for an LMS into dist/"
    )
    scorm.add_argument("--dist", help="where to write the zips (default: dist/ beside mkdocs.yml)")
    scorm.add_argument("--engine", choices=engine_names(), help="site engine, as for build")
    scorm.set_defaults(func=cmd_scorm)
    serve = commands.add_parser("serve", parents=[common], help="build, serve and rebuild on changes")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)
    new = commands.add_parser(
        "new", parents=[common], help="start a new scenario or quiz: a commented file in scenarios/ to edit"
    )
    new.add_argument("kind", choices=("scenario", "quiz"), help="what to create")
    new.add_argument("id", help="its id and file name: lowercase letters, digits and hyphens, like my-scenario")
    new.set_defaults(func=cmd_new)
    insights = commands.add_parser(
        "insights", parents=[common], help="a report for trainers from the learning records (xAPI) of an LRS or a file"
    )
    source = insights.add_mutually_exclusive_group(required=True)
    source.add_argument("--lrs", help="the LRS's xAPI address, like https://lrs.example.org/xAPI/")
    source.add_argument("--file", type=Path, help="a file of statements (JSON array or one per line)")
    insights.add_argument("--auth", help="the Authorization header of a credential that may read statements")
    insights.add_argument(
        "--since", help="only statements stored after this time (ISO 8601, like 2027-01-01T00:00:00Z)"
    )
    insights.add_argument("-o", "--out", help="where to write index.html (default: insights/ beside mkdocs.yml)")
    insights.set_defaults(func=cmd_insights)
    init = commands.add_parser("init", help="start a new module in a new folder, optionally from a briefing's text")
    init.add_argument("path", type=Path, help="the new module's folder (must not exist, or be empty)")
    init.add_argument(
        "--briefing",
        type=Path,
        help="a briefing as plain text or Markdown: its parts become the briefing pages, its key learning the themes",
    )
    init.set_defaults(func=cmd_init)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["build", *(argv if argv is not None else sys.argv[1:])])
    if args.command != "init" and not args.config.is_file():
        print(
            f"{args.config}: error: no mkdocs.yml here; run from the project folder or pass -f path/to/mkdocs.yml.",
            file=sys.stderr,
        )
        return 1
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
