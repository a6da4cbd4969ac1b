"""Insights: the summary as one static page (insights/index.html) that needs nothing else:
its style is inline, its charts are inline SVG, it loads nothing from anywhere. Every chart
has a table beside it that says the same (the accessible equivalent), and any number of
learners under 5 is shown only as "fewer than 5", so that nobody can be picked out."""

from __future__ import annotations

from html import escape

from .summarise import Item, Summary, median_or_none

FEW = 5
STYLE = """
body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:0 auto;padding:1rem}
h1,h2,h3{line-height:1.25}h2{border-top:2px solid #1f4e8c;padding-top:.75rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #6b6b6b;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#e8eef6}
td.n{text-align:right;white-space:nowrap}svg{max-width:100%;height:auto}figure{margin:0}
.note{color:#3d3d3d}
"""


def count(n: int) -> str:
    """A number of learners, or "fewer than 5" (small numbers could point at one person)."""
    return "fewer than 5" if n < FEW else str(n)


def share(n: int, total: int) -> str:
    return "fewer than 5" if n < FEW or total < FEW else f"{round(100 * n / total)}%"


def minutes(value: float | None) -> str:
    if value is None:
        return "no data"
    return f"{value / 60:.1f} minutes" if value >= 60 else f"{round(value)} seconds"


def _table(caption: str, heads: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{escape(cell)}</th>'
            if i == 0
            else f"<td{' class=n' if i in numeric else ''}>{escape(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    if not rows:
        body = f'<tr><td colspan="{len(heads)}">No records yet.</td></tr>'
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(labels: list[str], values: list[int]) -> str:
    """Horizontal bars; a number under 5 is drawn as a dashed outline of one width, not its size."""
    top = max([v for v in values if v >= FEW] or [FEW])
    row, width, left = 28, 680, 300
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * row + 4
        short = label if len(label) <= 40 else label[:39].rstrip() + "…"
        bars.append(f'<text x="0" y="{y + 15}" font-size="13" fill="#1b1b1b">{escape(short)}</text>')
        if value >= FEW:
            length = max(2, round((width - left - 90) * value / top))
            bars.append(f'<rect x="{left}" y="{y}" width="{length}" height="20" fill="#1f4e8c"/>')
        else:
            length = round((width - left - 90) * 0.04) + 4
            bars.append(
                f'<rect x="{left}" y="{y}" width="{length}" height="20" fill="none" stroke="#1f4e8c" stroke-dasharray="3 2"/>'
            )
        bars.append(
            f'<text x="{left + length + 6}" y="{y + 15}" font-size="13" fill="#1b1b1b">{escape(count(value))}</text>'
        )
    height = row * len(values) + 8
    return (
        f'<figure><svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
        f'focusable="false">{"".join(bars)}</svg></figure>'
    )


def _scenario(item: Item, summary: Summary) -> str:
    learners = len(item.learners)
    parts = [f"<h2>Scenario: {escape(item.name)}</h2>", f"<p>Learners who made a decision: {count(learners)}.</p>"]
    endings: dict[tuple[str, str], int] = {}
    for _, outcome, ending in item.endings.values():
        endings[(ending, outcome)] = endings.get((ending, outcome), 0) + 1
    rows = [[ending, outcome, count(n), share(n, learners)] for (ending, outcome), n in sorted(endings.items())]
    unfinished = learners - len(item.endings)
    rows.append(["No ending reached", "", count(unfinished), share(unfinished, learners)])
    parts.append(
        _table("The first ending each learner reached", ["Ending", "Outcome", "Learners", "Share"], rows, {2, 3})
    )
    stopped = summary.stopped(item)
    rows = [[item.decisions[node].name, count(n)] for node, n in stopped.most_common() if node in item.decisions]
    parts.append(
        _table("Where learners without an ending stopped: their last decision", ["Decision", "Learners"], rows, {1})
    )
    for decision in item.decisions.values():
        chosen = {cid: 0 for cid in decision.choices}
        for _, cid in decision.first.values():
            chosen[cid] = chosen.get(cid, 0) + 1
        labels = [decision.choices.get(cid, cid) for cid in chosen]
        total = len(decision.first)
        parts.append(f"<h3>Decision: {escape(decision.name)}</h3>")
        parts.append(_chart(labels, list(chosen.values())))
        rows = [[label, count(n), share(n, total)] for label, n in zip(labels, chosen.values(), strict=True)]
        parts.append(
            _table(
                f"First choices at “{decision.name}” (the chart above)", ["Choice", "Learners", "Share"], rows, {1, 2}
            )
        )
    return "".join(parts)


def _quiz(item: Item) -> str:
    parts = [
        f"<h2>Quiz: {escape(item.name)}</h2>",
        f"<p>Learners who answered: {count(len(item.learners))}; passed: {count(len(item.passed))}.</p>",
    ]
    rows = []
    for question in item.questions.values():
        total = len(question.first)
        right = sum(1 for _, ok in question.first.values() if ok)
        wrong = question.wrong.most_common(1)
        common = f"{_response(wrong[0][0], question.components)} ({count(wrong[0][1])} answers)" if wrong else "none"
        rows.append([question.name, count(total), share(right, total), common, minutes(median_or_none(question.times))])
    heads = ["Question", "Learners", "Right first time", "Most chosen wrong answer", "Median time"]
    parts.append(_table("Each question, from each learner's first answer", heads, rows, {1, 2}))
    return "".join(parts)


def _response(response: str, components: dict[str, str]) -> str:
    """A response pattern in words: o2 → its text; l1[.]r2[,]... → left: right; ..."""
    pairs = [part.split("[.]") for part in response.split("[,]")]
    return "; ".join(": ".join(components.get(p, p) for p in pair) for pair in pairs)


def _items(summary: Summary, items: dict[str, Item], caption: str) -> str:
    rows = [
        [
            item.name,
            item.kind,
            count(len(item.learners)),
            count(len(item.finished)),
            minutes(median_or_none(item.times)),
        ]
        for item in sorted(items.values(), key=lambda i: (i.kind, i.name))
    ]
    heads = ["Scenario or quiz", "Kind", "Learners", "Finished", "Median time to finish"]
    return _table(caption, heads, rows, {2, 3})


def report_html(summary: Summary, title: str | None = None) -> str:
    name = title or summary.module or "Training module"
    span = ""
    if summary.first and summary.last:
        span = f" from {summary.first.day} {summary.first:%B %Y} to {summary.last.day} {summary.last:%B %Y}"
    parts = [
        f"<h1>Insights: {escape(name)}</h1>",
        f"<p>{summary.statements:,} learning records{span}, from {count(len(summary.learners))} learners; "
        f"{count(len(summary.completed))} completed the module.</p>",
        '<p class="note">Learners are counted by the anonymous id their browser made; a learner on two devices counts twice. '
        "Any number under 5 is shown as “fewer than 5”.</p>",
        _items(summary, summary.items, "Each scenario and quiz"),
    ]
    if summary.other:
        parts.append(f'<p class="note">{summary.other} records of other kinds were left out.</p>')
    for item in sorted(summary.items.values(), key=lambda i: (i.kind != "scenario", i.name)):
        parts.append(_scenario(item, summary) if item.kind == "scenario" else _quiz(item))
    if summary.pathways:
        parts.append("<h2>By role pathway</h2>")
        rows = [[p.name, count(len(p.learners)), count(len(p.completed))] for p in summary.pathways.values()]
        parts.append(
            _table("Learners and completions of each pathway", ["Pathway", "Learners", "Completed"], rows, {1, 2})
        )
        for pathway in summary.pathways.values():
            parts.append(f"<h3>Pathway: {escape(pathway.name)}</h3>")
            parts.append(_items(summary, pathway.items, f"Scenarios and quizzes of learners on “{pathway.name}”"))
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>Insights: {escape(name)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(parts)}</main></body></html>\n"
    )
