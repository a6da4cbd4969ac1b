"""Reflection prompts: a labelled text box saved on the device as the learner types,
back after a reload or instant navigation, and gathered on the My reflections page
with the scenario and step they belong to, to print or download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.guards import check_page
from tests.browser.scenario_walk import (
    LEAVE,
    heading_name,
    route_through_reflection,
    saved,
    scenarios,
    start,
    step_name,
    walk,
)

ANSWER = "What I saw: the flat was cold.\nWhat I will do: ring the GP today."


@pytest.fixture
def calm(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


def with_reflection(site: Path) -> tuple[str, dict, list, int]:
    path, data = next((p, d) for p, d in scenarios(site) if any(n["reflect"] for n in d["nodes"].values()))
    route_, at = route_through_reflection(data)
    return path, data, route_, at


def wait_for_saved_text(page: Page, item_id: str, text: str) -> None:
    page.wait_for_function(
        """([id, text]) => Object.keys(localStorage).some((k) => k.endsWith(`:reflections:${id}`)
            && localStorage.getItem(k).includes(JSON.stringify(text).slice(1, -1)))""",
        arg=[item_id, text],
    )


def test_reflection_is_kept_and_gathered(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.add_init_script("window.print = () => { window.__printed = true; };")
    path, data, route_, at = with_reflection(built_site)
    node_id = route_[at][0]
    node = data["nodes"][node_id]
    article = start(page, site_url, path)
    walk(page, data, route_, end=at)

    box = article.get_by_role("textbox", name=node["reflect"])
    expect(box).to_have_accessible_description(re.compile("Saved on this device as you type"))
    box.focus()
    page.keyboard.type(ANSWER)  # Enter in a text box is a new line, not a submit
    wait_for_saved_text(page, data["id"], ANSWER)
    record = saved(page, "reflections", data["id"])["data"]
    assert record["title"] == data["title"]
    assert record["answers"][node_id]["step"] == step_name(node)
    assert record["answers"][node_id]["prompt"] == node["reflect"]

    page.reload()
    article.get_by_role("button", name="Resume").click()
    expect(article.get_by_role("textbox", name=node["reflect"])).to_have_value(ANSWER)
    walk(page, data, route_, begin=at)

    page.goto(site_url + "my-reflections/")
    expect(article.get_by_role("heading", name=data["title"], level=2)).to_be_visible()
    expect(article.get_by_role("heading", name=step_name(node), level=3)).to_be_visible()
    expect(article).to_contain_text(f"Prompt: {node['reflect']}")
    expect(article).to_contain_text("the flat was cold.")
    check_page(page)

    article.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.__printed === true")
    with page.expect_download() as markdown:
        article.get_by_role("button", name="Download as Markdown").click()
    assert markdown.value.suggested_filename == "my-reflections.md"
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert f"## {data['title']}" in text and f"### {step_name(node)}" in text
    assert "> What I saw: the flat was cold.\n> What I will do: ring the GP today." in text
    with page.expect_download() as plain:
        article.get_by_role("button", name="Download as text").click()
    assert plain.value.suggested_filename == "my-reflections.txt"
    text = Path(plain.value.path()).read_text(encoding="utf-8")
    assert data["title"] in text and f"Prompt: {node['reflect']}" in text and ANSWER in text


def test_reflection_typed_just_before_leaving_is_kept(calm: Page, site_url: str, built_site: Path) -> None:
    page = calm
    page.clock.install()  # the page's timers run only when the test says so
    path, data, route_, at = with_reflection(built_site)
    node = data["nodes"][route_[at][0]]
    article = start(page, site_url, path)
    walk(page, data, route_, end=at)
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)  # the typing pause never ends
    article.get_by_role("textbox", name=node["reflect"]).fill("Written in a hurry")
    page.wait_for_timeout(800)
    assert "Written in a hurry" not in str(saved(page, "reflections", data["id"]))
    article.get_by_role("link", name=LEAVE).click()  # at once: no time for the typing pause
    expect(page).to_have_url(site_url + "scenarios/")
    wait_for_saved_text(page, data["id"], "Written in a hurry")
    article.get_by_role("link", name=data["title"], exact=True).click()
    article.get_by_role("button", name="Resume").click()
    expect(article.get_by_role("heading", name=heading_name(node, at + 1), level=2)).to_be_focused()
    expect(article.get_by_role("textbox", name=node["reflect"])).to_have_value("Written in a hurry")


def test_my_reflections_page_empty_then_gathered_by_scenario(calm: Page, site_url: str) -> None:
    page = calm
    page.goto(site_url + "my-reflections/")
    article = page.get_by_role("article")
    expect(article).to_contain_text("You have not written any reflections yet")
    expect(article.get_by_role("button", name="Download as Markdown")).to_have_count(0)
    check_page(page)

    # Records as two scenarios save them; the page needs no scenario data of its own.
    def record(title: str, answers: dict) -> dict:
        return {"schema": 1, "version": "v", "data": {"title": title, "url": "/", "answers": answers}}

    page.evaluate(
        """(records) => { for (const [key, r] of records) localStorage.setItem(key, JSON.stringify(r)); }""",
        [
            [
                "qe:1:/:reflections:zeta",
                record(
                    "Zeta scenario",
                    {
                        "b": {"order": 5, "step": "Later step", "prompt": "And then?", "text": "Second <b>answer</b>"},
                        "a": {"order": 1, "step": "Early step", "prompt": "Why?", "text": "First answer"},
                        "c": {"order": 7, "step": "Blank", "prompt": "Left empty", "text": "   "},
                    },
                ),
            ],
            [
                "qe:1:/:reflections:alpha",
                record(
                    "Alpha scenario",
                    {"x": {"order": 0, "step": "Only step", "prompt": "What?", "text": "Alpha answer"}},
                ),
            ],
        ],
    )
    page.reload()
    expect(article.get_by_role("heading", level=2)).to_have_text(["Alpha scenario", "Zeta scenario"])
    expect(article.get_by_role("heading", level=3)).to_have_text(["Only step", "Early step", "Later step"])
    expect(article).to_contain_text("Second <b>answer</b>")  # learner text is text, never markup
    expect(article).not_to_contain_text("Left empty")
    check_page(page)
