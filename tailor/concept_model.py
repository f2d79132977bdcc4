"""The concepts a sentence or resume line shows, learned from data: recall where wording is new.

Why: hand-written aliases are the sure evidence, but real postings and resumes say the same thing
in more ways than anyone lists ("financially astute", "a team-player", "directing crew of up to
20 people"). A one-vs-rest logistic regression per concept over word and letter n-grams, trained
on the lexicon's own phrasings, the labelled sentences and resume lines of the development sets
and sure alias hits in the corpus (training.py), adds those. Each concept has its own threshold
per register, chosen by cross-validation grouped by posting and person so that the model's own
claims stay at least 90% precise (training.choose_thresholds); below it the model says nothing.
It never claims a named thing (a credential, law, code set or product): those are shown only by
naming them.
"""

from __future__ import annotations

import numpy as np

from .linear_model import LinearTextModel, load_shipped

MODEL_FILE = "concepts.npz"
REGISTERS = ("posting", "resume")
# A text of fewer words is too little for the model to judge ("Flexible working options" is a
# benefit, not adaptability); the aliases still read it.
MIN_WORDS = 4


class ConceptModel:
    """A trained concept model, restricted to the entries of the lexicon in use it may claim."""

    def __init__(self, linear: LinearTextModel, allowed: set[str]):
        self.linear = linear
        # One row of thresholds per register: posting sentences, then resume lines (a resume
        # says "Billed Medicaid" where a posting says "handle insurance claims").
        self.thresholds = np.atleast_2d(linear.thresholds)
        self.allowed = [(n, c) for n, c in enumerate(linear.classes) if c in allowed]
        self._column = {c: n for n, c in self.allowed}

    def likelihoods(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text: concept id -> the model's probability, for every concept it may claim,
        past its threshold or not (nothing for a text of fewer than MIN_WORDS words).

        Why: a claim must be sure, and below its threshold the model claims nothing; but to
        order a person's lines, how likely each is to show what the job asks for is the right
        measure, and the model's probabilities order lines far better than they can claim
        (cross-validated, bench/matching.py). ``claims`` turns them into what may be claimed.
        """
        if not texts or not self.allowed:
            return [{} for _ in texts]
        probabilities = self.linear.probabilities(texts)
        return [{} if len(text.split()) < MIN_WORDS else
                {c: float(row[n]) for n, c in self.allowed}
                for text, row in zip(texts, probabilities, strict=True)]

    def claims(self, likely: dict[str, float], register: str = "posting") -> dict[str, float]:
        """Of one text's likelihoods, the concepts past their threshold in this register, each
        scored in [0.5, 1] by how far past it."""
        row_of = REGISTERS.index(register) if register in REGISTERS else 0
        thresholds = self.thresholds[min(row_of, len(self.thresholds) - 1)]
        found = {}
        for concept, p in likely.items():
            t = float(thresholds[self._column[concept]])
            if t <= 1.0 and p >= t:
                found[concept] = 0.5 + 0.5 * (p - t) / max(1e-9, 1 - t)
        return found


def shipped_model(allowed: set[str]) -> ConceptModel | None:
    linear = load_shipped(MODEL_FILE)
    return ConceptModel(linear, allowed) if linear is not None else None
