"""The fuzzer's bounded run (tests/fuzzing.py): a fixed set of inputs through every door, the
same each run. No input may print a traceback, hang, write outside its project or change
site/. `make fuzz` runs the same doors for minutes with fresh seeds."""

from __future__ import annotations

import pytest

from tests.fuzzing import DOORS, FIXTURES, Door, Stats, campaign, try_one

PER_DOOR = 30  # about 20 s in all; `make fuzz` runs for minutes


def test_no_input_of_any_door_fails(tmp_path):
    stats = campaign(tmp_path, seed=1, per_door=PER_DOOR, seconds=None)
    assert stats.tried == {door.name: PER_DOOR for door in DOORS}
    failures = [
        f"{f.door}: {f.kind}: {f.where} (input {f.sample[:120]!r})" for f in stats.distinct()
    ]
    assert failures == []


@pytest.mark.parametrize(
    "run, kind",
    [
        (lambda project, data: {}["a key no one wrote"], "traceback"),
        (
            lambda project, data: (project.parent / "outside" / "new").write_text("x"),
            "wrote outside",
        ),
        (lambda project, data: (project / "site" / "index.html").write_text("x"), "changed site"),
    ],
    ids=["traceback", "outside", "site"],
)
def test_the_fuzzer_sees_each_kind_of_failure(tmp_path, run, kind):
    """The harness is not a no-op: a door that fails is reported, by kind."""
    stats = Stats()
    try_one(Door("broken", lambda rng: b"", run), b"", tmp_path / "run", stats)
    assert [f.kind for f in stats.distinct()] == [kind]


# inputs `make fuzz` found failing, kept so that they stay fixed
FOUND = [
    ("extract: .csv", (FIXTURES / "fuzz" / "schedule-without-a-name-column.csv").read_bytes()),
    ("command line", ["verify", "\x00"]),
    ("command line", ["extract", "\x00"]),
    ("command line", ["review", "{{ \t\r\n\x00\u2028\u202e", "a [[[["]),
]


@pytest.mark.parametrize("door, data", FOUND, ids=[f"{d}-{n}" for n, (d, _) in enumerate(FOUND)])
def test_what_the_fuzzer_found_stays_fixed(tmp_path, door, data):
    stats = Stats()
    try_one(next(d for d in DOORS if d.name == door), data, tmp_path / "run", stats)
    assert stats.distinct() == []
