"""The matcher against the labelled evaluation set (tests/funding/evaluation_set.py)."""

from tests.funding.evaluation_set import CALLS, EXPERIMENTS, FIRST, LABELS, evaluate_set


def test_the_set_labels_every_pair_and_is_large_enough():
    assert len(LABELS) >= 40
    assert set(LABELS) == {(name, call) for name in EXPERIMENTS for call in CALLS}
    assert set(FIRST) == set(EXPERIMENTS)


def test_the_matcher_agrees_with_every_label():
    evaluation = evaluate_set()
    assert evaluation.disagreements == ()
    assert evaluation.agreement == 1


def test_precision_at_5_reaches_the_target():
    assert evaluate_set().precision_at_5 >= 0.8
