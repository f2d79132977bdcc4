"""Building the shipped models from data: what they learn from, and how they are trained.

Why apart from the models' use: training needs the development data under ../shared (the
unlabelled corpus, the labelled sets), which never ships; running the tool needs only the small
files this module writes into tailor/trained/. scripts/train_models.py calls it, and a test checks
that retraining where ../shared is present gives the shipped files.

Everything here is deterministic: inputs are read in sorted order, and the solvers are seeded.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .linear_model import LinearTextModel, fit_vocabulary, tfidf_matrix
from .sentence_kinds import BOILERPLATE_KINDS, MODEL_KINDS, _ASKS, rule_kind

# Postings of ../shared/corpus that a blind evaluation set was drawn from (bench/corpus-blind/):
# no model may learn from them.
def blind_ids(bench: Path) -> set[str]:
    ids: set[str] = set()
    for labels in sorted(bench.glob("corpus-blind*/labels.jsonl")):
        for line in labels.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(str(json.loads(line)["job"]))
    return ids


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    group: str  # the posting it comes from


def corpus_postings(corpus: Path, exclude: set[str]) -> list[tuple[str, str]]:
    """(id, text) of the corpus postings, in id order, without the excluded ones."""
    out = []
    for path in sorted((corpus / "postings").glob("*.txt")):
        if path.stem not in exclude:
            out.append((path.stem, path.read_text("utf-8")))
    return out


_NORMAL = re.compile(r"[^a-z0-9]+")


def sentence_examples(postings: list[tuple[str, str]]) -> list[Example]:
    """Weak labels for the sentence-kind model, from the postings' own structure.

    * a sure cue (an equal-opportunity clause, a salary, an e-mail address) gives its kind;
    * a field line ("Salary: ...", "Closing date: ...") is what its label says;
    * under a heading, a sentence takes the heading's kind (duties, requirements, benefits...);
    * a long sentence that recurs in the postings of several employers is standard text;
    * in an untitled description, a sentence that plainly asks something of the applicant
      ("you will need", "ability to") is a requirement.
    Headings are only a prior at run time; here they teach the model what such sentences say.
    """
    from .posting import parse_job

    parsed = []
    employers: dict[str, set[str]] = defaultdict(set)
    for posting_id, text in postings:
        job = parse_job(text, posting_id, kinds_from_rules=True)
        parsed.append((posting_id, job))
        for s in job.sentences:
            key = _NORMAL.sub(" ", s.text.lower()).strip()
            if len(key.split()) >= 12:
                employers[key].add(job.company or posting_id)
    examples = []
    for posting_id, job in parsed:
        for s in job.sentences:
            if s.ignored in ("title", "heading") or len(s.text) < 15:
                continue
            label = None
            if s.ignored == "boilerplate" and s.kind in BOILERPLATE_KINDS and s.why:
                label = rule_kind(s.text, s.section) or s.kind
            elif s.ignored == "negated":
                continue
            if label is None:
                key = _NORMAL.sub(" ", s.text.lower()).strip()
                if s.section in BOILERPLATE_KINDS:
                    label = s.section
                elif s.section == "responsibilities":
                    label = "duty"
                elif s.section in ("requirements", "preferred"):
                    label = "requirement"
                elif len(employers.get(key, ())) >= 4:
                    label = "about"
                elif _ASKS.search(s.text):
                    label = "requirement"
            if label is not None:
                examples.append(Example(s.text, label, posting_id))
    return examples


def train_sentence_model(examples: list[Example], c: float = 4.0) -> LinearTextModel:
    """A multinomial logistic regression over the kinds, classes weighted to balance."""
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    vocabulary, idf = fit_vocabulary(texts, min_df=3, max_features=30000)
    x = tfidf_matrix(texts, vocabulary, idf)
    labels = [e.label for e in examples]
    classes = [k for k in MODEL_KINDS if k in set(labels)]
    y = np.array([classes.index(label) for label in labels])
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0)
    clf.fit(x, y)
    return LinearTextModel(tuple(classes), vocabulary, idf, clf.coef_, clf.intercept_,
                           np.zeros(len(classes)), multiclass=True)


def build_models(shared: Path, bench: Path) -> dict[str, bytes]:
    """Every shipped model, trained afresh from ../shared: file name -> file contents."""
    from .sentence_kinds import MODEL_FILE

    postings = corpus_postings(shared / "corpus", blind_ids(bench))
    sentence_model = train_sentence_model(sentence_examples(postings))
    return {MODEL_FILE: sentence_model.to_bytes()}
