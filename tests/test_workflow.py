"""The publishing workflow is a valid GitHub Actions workflow that tests before it deploys."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # from the lock file's wheel


PROVINCE = ROOT / ".github" / "workflows" / "province.yml"
COUNTY = ROOT / "generator" / "skeleton" / "github" / "workflows" / "publish.yml"  # init's
GITLAB = ROOT / "generator" / "skeleton" / "gitlab-ci.yml"  # init's .gitlab-ci.yml


def gitlab_schema_errors(pipeline: Path) -> str:
    """What GitLab's own pipeline schema (vendored by check-jsonschema) finds; "" if valid."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci"]
        + [str(pipeline)],
        capture_output=True,
        text=True,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def test_a_county_gitlab_pipeline_matches_gitlab_s_schema(tmp_path):
    assert gitlab_schema_errors(GITLAB) == ""
    wrong = tmp_path / ".gitlab-ci.yml"  # the check is not a no-op: a misspelt key is found
    wrong.write_text(GITLAB.read_text("utf-8").replace("  script:", "  scirpt:", 1), "utf-8")
    assert "scirpt" in gitlab_schema_errors(wrong)


def test_a_county_gitlab_pipeline_publishes_only_the_tested_default_branch():
    pipeline = yaml.safe_load(GITLAB.read_text("utf-8"))
    assert "make test" in pipeline["test"]["script"]
    assert pipeline["test"]["artifacts"]["paths"] == ["site/"]
    publish = pipeline["publish"]
    assert publish["needs"] == ["test"] and publish["stage"] == "publish"
    assert publish["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert publish["script"][-1] == "make publish" and publish["resource_group"]


@pytest.mark.parametrize(
    "workflow", [WORKFLOW, PROVINCE, COUNTY], ids=["publish", "province", "county"]
)
def test_workflow_matches_the_github_workflow_schema(workflow):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "workflow", [WORKFLOW, PROVINCE, COUNTY], ids=["publish", "province", "county"]
)
def test_actionlint_finds_nothing(workflow):
    """Expressions, job needs, action inputs, and actions on runtimes GitHub has removed."""
    command = str(ACTIONLINT) if ACTIONLINT.exists() else shutil.which("actionlint")
    assert command, "actionlint is missing: install the lock file (make venv)"
    result = subprocess.run(
        [command, "-no-color", str(workflow)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr


def test_actionlint_catches_an_action_on_a_removed_runtime(tmp_path):
    """The lint is not a no-op: node20 actions are reported."""
    old = tmp_path / "old.yml"
    old.write_text(
        WORKFLOW.read_text("utf-8").replace("actions/checkout@v7", "actions/checkout@v4"), "utf-8"
    )
    command = str(ACTIONLINT) if ACTIONLINT.exists() else shutil.which("actionlint")
    result = subprocess.run([command, "-no-color", str(old)], capture_output=True, text=True)
    assert result.returncode == 1 and "node20" in result.stdout


def test_tests_gate_the_deploy_on_every_trigger():
    flow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[4] != "*"  # weekly
    job = flow["jobs"]["test-and-build"]
    steps = [s.get("run", "") + s.get("uses", "") for s in job["steps"]]
    order = {
        name: next(i for i, s in enumerate(steps) if name in s)
        for name in (
            "generator check --format github",
            ".ci/run",
            "make site",
            "upload-pages-artifact",
        )
    }
    assert order[".ci/run"] < order["make site"] < order["upload-pages-artifact"]
    cache = next(s for s in job["steps"] if "actions/cache" in s.get("uses", ""))
    assert cache["if"] == "github.event_name != 'schedule'"  # the weekly run starts clean
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "test-and-build"
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"]["pages"] == "write"


def test_a_county_bulletin_deploys_only_after_its_own_make_test_on_main():
    flow = yaml.safe_load(COUNTY.read_text("utf-8"))
    steps = flow["jobs"]["test"]["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    tested = runs.index("make test")
    publish = next(i for i, run in enumerate(runs) if run.rstrip().endswith("make publish"))
    assert tested < publish
    condition = steps[publish]["if"]
    assert "refs/heads/main" in condition and "steps.target.outputs.to != ''" in condition
    assert steps[publish]["env"] == {"RCLONE_CONF": "${{ secrets.RCLONE_CONF }}"}
    deploy = flow["jobs"]["deploy"]  # GitHub Pages: only without publish_to, only on GitHub
    assert deploy["needs"] == "test" and "refs/heads/main" in deploy["if"]
    assert "needs.test.outputs.to == ''" in deploy["if"] and "github.com" in deploy["if"]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make test" in readme
    assert (ROOT / ".ci/run").read_text("utf-8").rstrip().endswith("make test")


def test_the_province_workflow_builds_a_shard_per_job_then_the_province():
    jobs = yaml.safe_load(PROVINCE.read_text("utf-8"))["jobs"]
    assert jobs["province"]["needs"] == "shard"
    assert jobs["shard"]["needs"] == "shards"
    # the matrix is the data's regions, as `province --list` prints them (every region a shard)
    listed = " ".join(str(step.get("run", "")) for step in jobs["shards"]["steps"])
    assert "province --list ." in listed
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == (
        "${{ fromJSON(needs.shards.outputs.shards) }}"
    )
    listing = subprocess.run(
        [sys.executable, "-m", "generator", "province", "--list", str(SEED)],
        capture_output=True,
        text=True,
        check=True,
    )
    regions = yaml.safe_load((SEED / "data/regions.yaml").read_text("utf-8"))["regions"]
    assert json.loads(listing.stdout) == [r["id"] for r in regions]
    steps = " ".join(str(step.get("run", "")) for step in jobs["province"]["steps"])
    assert "province --out .province/site --assemble" in steps


def pins(path: Path) -> dict[str, str]:
    return dict(
        line.split(" ")[0].split("==")
        for line in path.read_text("utf-8").splitlines()
        if re.match(r"^[a-z0-9]", line)
    )


def test_a_bulletin_installs_what_the_tool_is_tested_with():
    """generator/requirements.lock (what `init` gives a bulletin) pins the same versions as
    the lock the tool's tests run on, and every dependency the package declares."""
    bulletin, tested = pins(ROOT / "generator/requirements.lock"), pins(ROOT / "requirements.lock")
    assert bulletin and all(tested.get(name) == version for name, version in bulletin.items())
    for name in ("mkdocs", "mkdocs-material", "pagefind", "frictionless", "jsonschema", "brotli"):
        assert name in bulletin, name
    assert "pytest" not in bulletin and "playwright" not in bulletin  # the tool's tests only
