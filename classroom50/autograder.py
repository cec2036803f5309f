#!/usr/bin/env python3
"""TP1 Docker grader, as a Classroom 50 assignment's autograder (docs/platforms.md, "Classroom 50").

Classroom 50's runner runs this file in the student's checkout. It runs the pinned grader package on the checkout,
`npx --yes tp1-docker-grader@<GRADER_VERSION> . --lang <fr|en> --out <temporary folder>`, reads the grade.json it
writes, and writes in the current folder:

  result.json      schema classroom50/result/v1: one test per rubric check, in the rubric's order;
  release-body.md  the grade sheet (grade-sheet.md), the feedback shown to the student.

Points are written in hundredths of a point, every time: Classroom 50 wants integers and the grader keeps points to
the hundredth (a report question of 4 points among 3 is 1.33), so `score`, `max-score` and each test's points are
round(points * 100). 95.5 / 100 is written 9550 / 10000; the percentage is the grader's.

Exit codes: 0 when the hand-in was graded (points lost or not: result.json says so); non-zero when it was not
(the grader said ungraded, exit 3, or a wrong setting, exit 2, or it wrote no grade.json, or it ran out of time):
Classroom 50 then records an infrastructure error, never a score.

Needs Node 24 and Docker on the runner: set the assignment's runtime to `"node": "24"` (ubuntu-latest has Docker).
Standard library only. TP1_GRADER_COMMAND replaces `npx --yes tp1-docker-grader@<version>` (a local command for
the grader's own tests, or `node /path/to/the/grader/bin`).
"""

from __future__ import annotations

import datetime
import getpass
import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile
from typing import Any

# The grader package this autograder runs: the version of the grader the course's grades are made with.
GRADER_VERSION = "0.2.0"
# Classroom 50 points are integers: every point is counted in hundredths (the grader keeps points to the hundredth).
POINT_SCALE = 100
# Classroom 50 stops the grading job after 15 minutes: give the grader 13, and say why when it takes longer.
TIMEOUT_SECONDS = 13 * 60
# A GitHub Release body holds at most 125,000 characters.
MAX_RELEASE_BODY = 120_000
# The grader's exit codes (README): 0 all points, 1 points lost, 2 a wrong setting, 3 ungraded.
GRADED_EXIT_CODES = (0, 1)

RESULT_SCHEMA = "classroom50/result/v1"


def scaled(points: float) -> int:
    """Points in hundredths, as an integer: the same rounding for every value."""
    return int(round(points * POINT_SCALE))


def grader_command() -> list[str]:
    override = os.environ.get("TP1_GRADER_COMMAND", "").strip()
    if override:
        return shlex.split(override)
    return ["npx", "--yes", f"tp1-docker-grader@{GRADER_VERSION}"]


def language() -> str:
    return os.environ.get("GRADER_LANG", "").strip() or "fr"


def now_utc() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity(env: dict[str, str]) -> dict[str, str]:
    """The fields Classroom 50's runner gives in the environment; `local` ones when run by hand, outside it."""
    commit = env.get("COMMIT_URL") or "local"
    return {
        "classroom": env.get("CLASSROOM") or "local",
        "assignment": env.get("ASSIGNMENT") or "tp1",
        "assignment_type": env.get("ASSIGNMENT_TYPE") or "individual",
        "owner": env.get("OWNER") or env.get("USERNAME") or env.get("GITHUB_ACTOR") or getpass.getuser(),
        "submission": env.get("SUBMISSION_TAG") or "submit/local",
        "commit": commit,
        "release": env.get("RELEASE_URL") or "local",
        "review": env.get("REVIEW_URL") or commit,
    }


def test_of(check: dict[str, Any]) -> dict[str, Any]:
    """One rubric check as a Classroom 50 test; its status and message ride along (extra fields are kept)."""
    return {
        "test-name": f"{check['id']}: {check['title']}",
        "passed": check["status"] == "passed" and check["points"] >= check["maxPoints"],
        "score": scaled(check["points"]),
        "max-score": scaled(check["maxPoints"]),
        "status": check["status"],
        "message": check.get("message", ""),
    }


def result_of(grade: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    tests = [test_of(check) for check in grade["checks"]]
    return {
        "schema": RESULT_SCHEMA,
        **identity(env),
        "datetime": now_utc(),
        "graded_at": now_utc(),
        # Sums of the tests' integers: the total always equals what the tests add up to.
        "score": sum(t["score"] for t in tests),
        "max-score": sum(t["max-score"] for t in tests),
        "tests": tests,
    }


def release_body(sheet: str) -> str:
    if len(sheet) <= MAX_RELEASE_BODY:
        return sheet
    cut = sheet[:MAX_RELEASE_BODY].rsplit("\n", 1)[0]
    return f"{cut}\n\n… (the sheet is longer than a release can hold: the workflow's job log has the whole run)\n"


def ungraded(reason: str) -> int:
    print(f"autograder: not graded: {reason}. This is not a score: re-run the grading.", file=sys.stderr)
    return 3


def main() -> int:
    workspace = pathlib.Path.cwd()
    with tempfile.TemporaryDirectory(prefix="tp1-grade-") as out:
        command = [*grader_command(), ".", "--lang", language(), "--out", out]
        print(f"autograder: {shlex.join(command)}", flush=True)
        try:
            exit_code = subprocess.run(command, cwd=workspace, timeout=TIMEOUT_SECONDS, check=False).returncode
        except subprocess.TimeoutExpired:
            return ungraded(f"the grader took more than {TIMEOUT_SECONDS // 60} minutes")
        except OSError as error:
            return ungraded(f"the grader could not start ({error})")
        grade_file = pathlib.Path(out, "grade.json")
        if exit_code not in GRADED_EXIT_CODES:
            return ungraded(f"the grader exited with code {exit_code}")
        if not grade_file.is_file():
            return ungraded(f"the grader exited with code {exit_code} and wrote no grade.json")
        grade = json.loads(grade_file.read_text(encoding="utf-8"))
        if grade.get("status") != "graded":
            return ungraded(f"the grade's status is {grade.get('status')!r}")
        sheet_file = pathlib.Path(out, "grade-sheet.md")
        sheet = sheet_file.read_text(encoding="utf-8") if sheet_file.is_file() else ""
    result = result_of(grade, dict(os.environ))
    (workspace / "result.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (workspace / "release-body.md").write_text(release_body(sheet), encoding="utf-8")
    print(f"autograder: {grade['score']} / {grade['maxScore']} (result.json: {result['score']} / {result['max-score']} hundredths)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
