"""check_project: files are loaded and checked by this process and by worker processes;
the result is the same as loading and checking them one after another here."""

from __future__ import annotations

import copy
import gc
import pickle

import pytest

from benchmarks.generate import generate
from quiz_engine.check import run as project
from quiz_engine.load.diagnostics import Pos
from tests.helpers import TODAY, VALID, check


@pytest.fixture
def module(tmp_path):
    """A generated module with mistakes in some files, and the two examples of the format."""
    generate(tmp_path, 30, 20, nodes=8, questions=4)
    scenarios = tmp_path / "scenarios"
    for n in range(0, 30, 7):
        path = scenarios / f"scenario-{n}.yml"
        path.write_text(path.read_text().replace("goto: n3", "goto: n33").replace("rating: best", "rating: top"))
    for n in range(0, 20, 6):
        path = scenarios / f"quiz-{n}.yml"
        path.write_text(path.read_text().replace("correct: true", "correct: yes"))
    (scenarios / "scenario-5.yml").write_text("kind: scenario\ntitle: [unclosed\n")
    for source in (VALID / "visit-after-discharge.yml", VALID / "escalation-basics.yml"):
        (scenarios / source.name).write_text(source.read_text())
    (scenarios / "images").mkdir()
    for image in (VALID / "images").iterdir():
        (scenarios / "images" / image.name).write_bytes(image.read_bytes())
    return tmp_path


def test_workers_find_what_one_process_finds(module, monkeypatch):
    monkeypatch.setattr(project, "PARALLEL_FROM", 10**9)
    alone = check(module)
    assert {d.code for d in alone.diagnostics} >= {"dangling-goto", "bad-value", "wrong-type", "yaml-syntax"}
    monkeypatch.setattr(project, "PARALLEL_FROM", 2)
    monkeypatch.setattr(project, "_processes", lambda: 3)  # two workers, even on a machine with one core
    shared = check(module)
    assert shared.diagnostics == alone.diagnostics
    assert shared.items == alone.items  # in the same order, positions included


def test_without_the_model_the_same_mistakes_are_found_and_items_are_outlines(module, monkeypatch):
    whole = check(module)
    monkeypatch.setattr(project, "PARALLEL_FROM", 2)
    monkeypatch.setattr(project, "_processes", lambda: 3)
    outlines = project.check_project(project.Project.at(module / "mkdocs.yml"), today=TODAY, keep_model=False)
    assert outlines.diagnostics == whole.diagnostics
    assert [(i.kind, i.id, i.path, i.title, i.where("id")) for i in outlines.items] == [
        (i.kind, i.id, i.path, i.title, i.where("id")) for i in whole.items
    ]
    assert all(not getattr(i, "nodes", None) and not getattr(i, "questions", None) for i in outlines.items)
    assert any(getattr(i, "nodes", None) for i in whole.items)


def test_the_garbage_collector_is_left_as_it_was(module):
    assert gc.isenabled()
    check(module)
    assert gc.isenabled()
    gc.disable()
    try:
        check(module)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_model_is_moved_to_the_oldest_generation_not_frozen(module):
    check(module)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a program that froze its own objects (before forking, say) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        check(module)
        # Frozen objects freed meanwhile leave the count; an unfreeze() would have emptied it.
        assert frozen - 100 <= gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_a_position_survives_the_trip_from_a_worker():
    for pos in (Pos(), Pos(3, 14)):
        back = pickle.loads(pickle.dumps(pos))
        assert (type(back), back, hash(back)) == (Pos, pos, hash(pos))
        assert copy.deepcopy(pos) == pos and repr(back) == repr(pos)
