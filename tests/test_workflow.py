"""The publishing workflow is a valid GitHub Actions workflow that checks, builds and deploys."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_workflow_matches_the_github_workflow_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_checks_pull_requests_and_deploys_main():
    flow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [s.get("run", "") + s.get("uses", "") for s in flow["jobs"]["build"]["steps"]]
    assert any("generator check --format github" in s for s in steps)
    assert any("make site" in s for s in steps)
    assert any("actions/cache" in s for s in steps)
    assert any("upload-pages-artifact" in s for s in steps)
    deploy = flow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"]["pages"] == "write"
