"""flows/steps/reasons.py: the one list of rejection reasons, and that the code uses nothing else."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

from flows.steps.parse import Rejected
from flows.steps.reasons import RETRYABLE, Reason

FLOWS = Path(__file__).resolve().parents[2] / "flows"
# Where a reason code is given: the call, and the position or keyword of its reason argument.
REASON_ARGUMENT = {"Rejected": (1, "reason"), "DecodeError": (0, "reason"), "FileRef": (4, "problem")}


def test_codes_are_unique_and_named_after_themselves() -> None:
    assert len(Reason.__members__) == len(list(Reason))  # a repeated value would make an alias
    for name, member in Reason.__members__.items():
        assert member.value == name.lower()
        assert type(member.value) is str


def test_transient_reasons_are_the_retryable_ones() -> None:
    assert {r.value for r in RETRYABLE} == {
        "unreadable", "vanished", "changed_while_reading", "unreadable_folder", "parser_error"}
    for reason in Reason:
        assert Rejected("a.txt", reason, "detail", 1, 1).retry is reason.retryable


def test_every_reason_has_a_one_line_description() -> None:
    for reason in Reason:
        assert reason.description and "\n" not in reason.description and "|" not in reason.description


def test_a_reason_crosses_process_boundaries_as_itself() -> None:
    for reason in Reason:
        assert pickle.loads(pickle.dumps(reason)) is reason
    assert Reason("no_body") is Reason.NO_BODY and str(Reason.NO_BODY) == "no_body"


def _modules() -> list[Path]:
    return sorted(p for p in FLOWS.rglob("*.py") if p.name != "reasons.py")


def test_no_reason_code_is_spelled_as_a_string_in_the_steps() -> None:
    codes = {r.value for r in Reason}
    found = [
        f"{path.relative_to(FLOWS)}:{node.lineno} {node.value!r}"
        for path in _modules() if path.parent.name == "steps"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in codes
    ]
    assert not found, f"use flows.steps.reasons.Reason instead of: {found}"


def test_every_rejection_in_flows_takes_its_reason_from_the_enum() -> None:
    """A code the enum does not list cannot be produced: no rejection is made with a string literal."""
    literal = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in REASON_ARGUMENT:
                continue
            index, keyword = REASON_ARGUMENT[name]
            args = [node.args[index]] if len(node.args) > index else []
            args += [k.value for k in node.keywords if k.arg == keyword]
            literal += [f"{path.relative_to(FLOWS)}:{node.lineno}" for a in args
                        if isinstance(a, ast.Constant) and a.value is not None]
    assert not literal, f"rejections with a literal reason (add it to Reason and use the member): {literal}"
