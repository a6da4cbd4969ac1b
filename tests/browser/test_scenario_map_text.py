"""The scenario maps' text measured by Chromium: every title, step kind and choice label
lies inside its box in a real font (the layout sizes boxes from its own estimate of text
widths), and a map page's figure passes axe."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from quiz_engine.render.scenario_map import map_body
from tests.browser.guards import check_page
from tests.helpers import check, make_project
from tests.render.test_scenario_map_layout import generated_scenario

OUTSIDE = """() => [...document.querySelectorAll('g.qe-map-node, g.qe-map-label')].flatMap(g => {
    const box = g.querySelector('rect').getBBox();
    return [...g.querySelectorAll('text')].map(text => [text.textContent, text.getBBox()]).filter(([, b]) =>
        b.width === 0 || b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width
        || b.y + b.height > box.y + box.height).map(([words]) => words);
})"""


def test_map_text_fits_its_boxes_in_chromium(browser: Browser, tmp_path: Path):
    bodies = []
    for steps in (15, 60):
        root = tmp_path / str(steps)
        root.mkdir()
        make_project(root, {"scenarios/generated.yml": generated_scenario(steps)})
        (scenario,) = check(root).items
        bodies.append(f"<h2>Map of {steps} steps</h2>{map_body(scenario).split('## Steps and choices')[0]}")
    page = browser.new_page()
    try:
        page.set_content(f'<!doctype html><html lang="en"><title>Maps</title><main>{"".join(bodies)}</main></html>')
        drawn = page.evaluate("() => document.querySelectorAll('g.qe-map-node text, g.qe-map-label text').length")
        assert drawn > 2 * (15 + 60)  # a title and a kind a step, and the labels
        assert page.evaluate(OUTSIDE) == []
        check_page(page)
    finally:
        page.close()
