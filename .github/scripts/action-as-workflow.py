"""Prints a composite action (action.yml) as a reusable workflow with the same inputs and
steps, so that actionlint checks its expressions, contexts and shell scripts (with shellcheck)
as it checks a workflow; actionlint itself reads an action's metadata only where a workflow
uses it. Line numbers in findings refer to this output; each message names the step.

Usage: python3 .github/scripts/action-as-workflow.py action.yml | actionlint -stdin-filename action.yml -
"""

import sys

import yaml


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        sys.exit(f"{path}: not a composite action")
    inputs = {
        name: {
            "type": "string",
            "required": bool(spec.get("required", False)),
            **({"default": str(spec["default"])} if "default" in spec else {}),
        }
        for name, spec in (action.get("inputs") or {}).items()
    }
    workflow = {
        "name": f"{action.get('name', path)} (composite action {path})",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": runs.get("steps", [])}},
    }
    yaml.safe_dump(workflow, sys.stdout, sort_keys=False, allow_unicode=True, width=1000)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "action.yml")
