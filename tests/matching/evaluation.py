"""Helpers of the matcher's tests: a call evaluated for the reference experiment, in a language."""

from django.utils import translation

from funding.matching.scoring import evaluate_call
from tests.matching.plain_facts import TODAY, make_experiment


def evaluate(call, experiment=None, settings=None):
    return evaluate_call(experiment or make_experiment(), call, today=TODAY, settings=settings)


def criterion(call, code, experiment=None, settings=None):
    return evaluate(call, experiment, settings).criterion(code)


def english(text) -> str:
    with translation.override("en"):
        return str(text)


def french(text) -> str:
    with translation.override("fr"):
        return str(text)


def part(call, code, experiment=None, settings=None):
    return evaluate(call, experiment, settings).part(code)
