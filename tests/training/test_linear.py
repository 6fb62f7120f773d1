"""The hashed linear model: it learns, it saves and loads to the same answers."""

from __future__ import annotations

import random

import numpy as np
import pytest

from dateline.stages.events.linear import LinearModel, feature_ids, fit_temperature, train

pytestmark = pytest.mark.issue(9)


def toy(n: int, seed: int) -> tuple[list[list[str]], list[str]]:
    rng = random.Random(seed)
    examples, labels = [], []
    for _ in range(n):
        label = rng.choice(["attack", "meet", "NONE"])
        cue = {"attack": "lemma=shell", "meet": "lemma=meet", "NONE": "lemma=say"}[label]
        examples.append([cue, f"noise={rng.randint(0, 50)}", "bias"])
        labels.append(label)
    return examples, labels


def test_learns_a_separable_problem():
    examples, labels = toy(300, 1)
    model = train(examples, labels, ("NONE", "attack", "meet"), epochs=5)
    test_x, test_y = toy(100, 2)
    right = sum(model.best(x)[0] == y for x, y in zip(test_x, test_y, strict=True))
    assert right >= 98


def test_unseen_features_fall_back_to_the_bias():
    examples, labels = toy(100, 3)
    model = train(examples, labels, ("NONE", "attack", "meet"), epochs=2)
    np.testing.assert_allclose(model.scores(["never-seen"]), model.bias)


def test_save_and_load_give_the_same_probabilities(tmp_path):
    examples, labels = toy(200, 4)
    model = train(examples, labels, ("NONE", "attack", "meet"), epochs=3)
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.classes == model.classes
    np.testing.assert_allclose(
        loaded.probabilities(examples[0]), model.probabilities(examples[0]), atol=2e-3
    )


def test_hashing_is_stable_across_processes():
    # CRC-32, not Python's salted hash(): the shipped weights depend on it
    assert int(feature_ids(["lemma=attack"], 32)[0]) == 0xDDCCDC80
    assert int(feature_ids(["lemma=attack"], 20)[0]) == 0xDDCCDC80 & 0xFFFFF


def test_temperature_fitted_on_held_out_data():
    examples, labels = toy(200, 5)
    model = train(examples, labels, ("NONE", "attack", "meet"), epochs=3)
    assert 0.5 <= fit_temperature(model, *toy(100, 6)) <= 4.0


def test_many_at_once_equals_one_by_one():
    examples, labels = toy(200, 7)
    model = train(examples, labels, ("NONE", "attack", "meet"), epochs=2)
    batch = [*examples[:5], [], ["never-seen"]]
    together = model.probabilities_many(batch)
    for row, features in zip(together, batch, strict=True):
        np.testing.assert_allclose(row, model.probabilities(features), atol=1e-5)
