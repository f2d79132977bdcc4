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
from .sentence_kinds import (_APPLICANT, _ASKS, BOILERPLATE_KINDS, MODEL_KINDS, rule_kind,
                             use_sentence_model)

# Postings of ../shared/corpus that a blind evaluation set was drawn from (bench/corpus-blind*/):
# no model may learn from them.
def blind_ids(bench: Path) -> set[str]:
    ids: set[str] = set()
    for labels in sorted(bench.glob("corpus-blind*/labels.jsonl")):
        for line in labels.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(str(json.loads(line)["job"]))
    return ids


def scored_postings(shared: Path, bench: Path) -> list[str]:
    """The text of every posting a figure is scored on: dev, dev2 and the blind corpus sets."""
    paths = sorted((shared / "eval").glob("dev*/jobs/*.txt"))
    paths += [shared / "corpus" / "postings" / f"{posting_id}.txt"
              for posting_id in sorted(blind_ids(bench))]
    return [path.read_text("utf-8") for path in paths]


def near_copies(scored: list[str], postings: list[tuple[str, str]], share: float = 0.2) -> set[str]:
    """Corpus postings that are near copies of a scored posting (``scored_postings``): the same
    advert reposted for another site shares many of its word 5-grams. A model scored on a
    posting must not learn its text under another name, so the bar is low (a fifth of the
    shorter posting's 5-grams), erring towards leaving a posting out."""
    protected = [word_runs(text) for text in scored]
    out = set()
    for posting_id, text in postings:
        own = word_runs(text)
        if own and any(other and len(own & other) >= share * min(len(own), len(other))
                       for other in protected):
            out.add(posting_id)
    return out


def word_runs(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The runs of ``n`` words of a text (letters and digits only, lower case): what two texts
    share when one is a copy of the other, whatever their punctuation."""
    words = _NORMAL.sub(" ", text.lower()).split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def training_postings(shared: Path, bench: Path) -> list[tuple[str, str]]:
    """The corpus postings models learn from: none a blind set scores, none a near copy of a
    scored posting."""
    postings = corpus_postings(shared / "corpus", blind_ids(bench))
    copies = near_copies(scored_postings(shared, bench), postings)
    return [(posting_id, text) for posting_id, text in postings if posting_id not in copies]


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
      ("you will need", "ability to") is a requirement, and one about the role or the person
      sought ("we are looking for a receptionist to...") with no boilerplate cue is a duty.
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
                elif _APPLICANT.search(s.text) and rule_kind(s.text, s.section) is None:
                    label = "duty"
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
    """Every shipped model, trained afresh from ../shared: file name -> file contents.

    The sentence-kind model comes first: the concept model's examples are read with it.
    """
    from .concept_model import MODEL_FILE as CONCEPTS_FILE
    from .lexicon import load_lexicon
    from .sentence_kinds import MODEL_FILE

    sentence_model = train_sentence_model(sentence_examples(training_postings(shared, bench)))
    with use_sentence_model(sentence_model):
        concept_model = train_concept_model(shared, bench, load_lexicon(base="medical-office.yml"))
    return {MODEL_FILE: sentence_model.to_bytes(), CONCEPTS_FILE: concept_model.to_bytes()}


# ---------------------------------------------------------------------- the concept model
@dataclass(frozen=True)
class ConceptExample:
    """A text and what is known of it: the concepts it shows, and those it surely does not."""

    text: str
    positives: frozenset[str]
    negatives: frozenset[str]
    group: str  # posting or person it comes from; cross-validation keeps a group together
    source: str  # "lexicon", "corpus", "posting" or "resume"


def contract_classes(shared: Path, lexicon) -> list[str]:
    """The concepts the model learns: those of concepts.yml that are not named things."""
    from .matching import HIDDEN_KINDS, NAMED_KINDS

    return [i for i in contract_ids(shared) if i in lexicon.by_id
            and lexicon.by_id[i].kind not in NAMED_KINDS | HIDDEN_KINDS]


def _closure(entry_id: str, lexicon) -> set[str]:
    """The entry and everything it implies (matching's closure, with the entry itself)."""
    from .matching import _closure as implied

    return {entry_id, *implied(entry_id, lexicon)}


def lexicon_examples(lexicon, classes: list[str]) -> list[ConceptExample]:
    """Each alias of an entry, as words, shows the entry and what it implies, and nothing else."""
    wanted = set(classes)
    out = []
    for entry in lexicon.entries:
        positives = frozenset(_closure(entry.id, lexicon) & wanted)
        if not positives:
            continue
        for alias in (entry.name, *entry.aliases):
            text = " ".join(alias.replace("...", " ").replace("*", "").split())
            out.append(ConceptExample(text, positives, frozenset(wanted - positives),
                                      f"lexicon:{entry.id}", "lexicon"))
    return out


def corpus_examples(postings: list[tuple[str, str]], matcher, classes: list[str]
                    ) -> list[ConceptExample]:
    """Counted sentences of unlabelled postings, weakly labelled by the sure evidence.

    An alias hit shows its concept (and what it implies). A concept with no evidence at all in
    the sentence (no alias, no cue, no close wording) is taken as not shown; one with only weak
    evidence is left unknown.
    """
    from .posting import parse_job

    wanted = set(classes)
    lexicon = matcher.lexicon
    out = []
    for posting_id, text in postings:
        job = parse_job(text, posting_id)
        live = [s.text for s in job.sentences if not s.ignored and len(s.text) >= 15]
        for sentence, reading in zip(live, matcher.read(live), strict=True):
            positives: set[str] = set()
            for hit in reading.hits:
                positives |= _closure(hit.entry_id, lexicon)
            positives &= wanted
            unknown = {k for k, v in reading.scores.items() if v >= 0.05}
            for k in list(unknown):
                unknown |= _closure(k, lexicon)
            negatives = wanted - positives - unknown
            out.append(ConceptExample(sentence, frozenset(positives), frozenset(negatives),
                                      f"corpus:{posting_id}", "corpus"))
    return out


# Corpus sentences labelled by hand (training-data/corpus-sentences/README.md): they stand
# beside the repository's code because no model ships them, and ../shared holds only postings.
LABELLED_SENTENCES = Path(__file__).resolve().parents[1] / "training-data" / "corpus-sentences"


def labelled_corpus_examples(classes: list[str], folder: Path = LABELLED_SENTENCES
                             ) -> list[ConceptExample]:
    """Corpus sentences labelled whole by two annotators and a third who settled their
    disagreements: every concept named shows, every other does not. They are read as posting
    sentences and grouped by their posting, like the labelled sets' own."""
    from .evaluation import read_labels, read_sentence_table

    table = folder / "sentences.tsv"
    if not table.is_file():  # training runs from a checkout, where the folder always is
        raise FileNotFoundError(f"{table}: the hand-labelled corpus sentences are missing")
    rows = read_sentence_table(table)
    wanted = set(classes)
    out = []
    for label in read_labels(folder / "labels.jsonl"):
        posting_id, text = rows[label["item"]]
        positives = frozenset(set(label["concepts"]) & wanted)
        out.append(ConceptExample(text, positives, frozenset(wanted - positives),
                                  f"corpus:{posting_id}", "posting"))
    return out


# Real resume lines labelled by hand (training-data/resume-lines/README.md), beside the code for
# the same reason as the corpus sentences.
LABELLED_RESUME_LINES = Path(__file__).resolve().parents[1] / "training-data" / "resume-lines"


def resume_line_labels(folder: Path = LABELLED_RESUME_LINES) -> list[tuple[str, str, set[str]]]:
    """Each labelled resume line of ``folder`` as (person, text, concepts), in file order."""
    from .evaluation import read_labels

    table = folder / "bullets.tsv"
    if not table.is_file():  # training runs from a checkout, where the folder always is
        raise FileNotFoundError(f"{table}: the hand-labelled resume lines are missing")
    rows = {}
    for line in table.read_text("utf-8").splitlines()[1:]:
        if line.strip():
            item, source, _role, text = line.split("\t", 3)
            rows[item] = (source, text)
    return [(rows[label["item"]][0], rows[label["item"]][1], set(label["concepts"]))
            for label in read_labels(folder / "labels.jsonl")]


def labelled_resume_examples(classes: list[str], folder: Path = LABELLED_RESUME_LINES
                             ) -> list[ConceptExample]:
    """Real resume lines labelled whole, as the dev2 lines are: every concept named shows, every
    other does not. Grouped by the resume they come from, so no fold scores a person whose other
    lines it learned."""
    wanted = set(classes)
    return [ConceptExample(text, frozenset(concepts & wanted), frozenset(wanted - concepts),
                           f"person:{person}", "resume")
            for person, text, concepts in resume_line_labels(folder)]


def _quote_in(quote: str, sentence: str) -> bool:
    q, s = " ".join(quote.split()).lower(), " ".join(sentence.split()).lower()
    return bool(q) and (q in s or (len(s) >= 20 and s in q) or (len(q) > 40 and q[:40] in s))


def labelled_examples(shared: Path, classes: list[str]) -> list[ConceptExample]:
    """The labelled sets' postings and resume lines (dev and dev2), as concept examples.

    In a posting, the sentence holding a concept's quote shows it; every sentence of a posting
    not labelled with a concept does not show it; other sentences of a posting that has the
    concept are unknown for it (the annotators quoted one sentence per concept). Resume lines
    are labelled whole.
    """
    from .evaluation import read_labels
    from .posting import parse_job
    from .sources import read_job

    wanted = set(classes)
    out = []
    for name in ("dev", "dev2"):
        folder = shared / "eval" / name
        if not folder.is_dir():
            continue
        for item in read_labels(folder / "job-labels.jsonl"):
            job_id = str(item["job"])
            text, _ = read_job(str(folder / "jobs" / f"{job_id}.txt"))
            job = parse_job(text, job_id)
            gold = dict(item["concepts"])
            quotes = {c: q for c, q in gold.items() if c in wanted}
            for s in job.sentences:
                if s.ignored in ("title", "heading") or len(s.text) < 10:
                    continue
                positives = {c for c, q in quotes.items() if _quote_in(q, s.text)}
                if s.ignored and not positives:
                    continue
                negatives = wanted - set(gold)
                out.append(ConceptExample(s.text, frozenset(positives), frozenset(negatives),
                                          f"{name}:{job_id}", "posting"))
        groups = _resume_groups(folder)
        for item in read_labels(folder / "highlight-labels.jsonl"):
            positives = set(item["concepts"]) & wanted
            group = groups.get(item["text"], f"{name}:line:{item['text'][:40]}")
            out.append(ConceptExample(item["text"], frozenset(positives),
                                      frozenset(wanted - positives), group, "resume"))
    return out


def _resume_groups(folder: Path) -> dict[str, str]:
    """A resume line's person (dev2's bullets.tsv names the resume each line comes from)."""
    table = folder / "resume-lines" / "bullets.tsv"
    if not table.is_file():
        return {}
    out = {}
    for row in table.read_text("utf-8").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 4:
            out[cols[3]] = "person:" + cols[1].split("#")[0]
    return out


def concept_vocabulary(examples: list[ConceptExample]):
    """Features and IDF from the unlabelled texts only (lexicon and corpus), the same in every
    fold, so no fold's vocabulary is fitted on the texts it is scored on."""
    texts = [e.text for e in examples if e.source in ("lexicon", "corpus")]
    return fit_vocabulary(texts, min_df=2, max_features=40000)


LABELLED_WEIGHT = 3.0  # a labelled sentence or line counts this many weak ones
MODEL_C = 2.0  # inverse regularisation of each concept's logistic regression


def fit_concept_weights(examples: list[ConceptExample], classes: list[str], vocabulary, idf,
                        c: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per concept, each on the examples whose label for it is known."""
    from sklearn.linear_model import LogisticRegression

    x = tfidf_matrix([e.text for e in examples], vocabulary, idf)
    # Labelled sentences and lines count more than the weak ones they correct.
    c = MODEL_C if c is None else c
    weight = np.array([LABELLED_WEIGHT if e.source in ("posting", "resume") else 1.0
                       for e in examples])
    coef = np.zeros((len(classes), len(vocabulary)))
    intercept = np.zeros(len(classes))
    for n, concept in enumerate(classes):
        rows = [i for i, e in enumerate(examples) if concept in e.positives or concept in e.negatives]
        y = np.array([1 if concept in examples[i].positives else 0 for i in rows])
        if y.sum() < 3 or y.sum() == len(y):
            intercept[n] = -20.0
            continue
        clf = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
        clf.fit(x[rows], y, sample_weight=weight[rows])
        coef[n], intercept[n] = clf.coef_[0], clf.intercept_[0]
    return coef, intercept


FOLDS = 5
THRESHOLD_GRID = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))  # 0.30 ... 0.95
MIN_PRECISION = 0.9
# Where the model may claim. Measured by cross_validate_concepts (bench/matching.py) on dev and
# dev2: on resume lines it adds recall (tag F1 0.725 -> 0.735). On posting sentences it did not
# help while it learned only from the labelled sets' quoted sentences (concept F1 0.843 with
# aliases alone, 0.841-0.842 with the model); with the corpus sentences labelled whole it does
# (0.910 / 0.849 / 0.878 -> 0.902 / 0.861 / 0.881 with 1,500 of them, precision above 0.90).
MODEL_REGISTERS = ("posting", "resume")
OFF = 2.0  # a threshold no probability reaches: the model says nothing for that concept


def fold_of_groups(examples: list[ConceptExample]) -> dict[str, int]:
    """Each labelled group (posting or person) to one of FOLDS folds, deterministically."""
    import zlib

    groups = sorted({e.group for e in examples if e.source in ("posting", "resume")})
    return {g: zlib.crc32(g.encode()) % FOLDS for g in groups}


def out_of_fold_probabilities(examples, classes, vocabulary, idf, folds: dict[str, int]):
    """For every labelled example, the model's probabilities when trained without its fold."""
    labelled = [i for i, e in enumerate(examples) if e.group in folds]
    probabilities = np.zeros((len(examples), len(classes)))
    for k in range(FOLDS):
        train = [e for e in examples if folds.get(e.group, -1) != k]
        test = [i for i in labelled if folds[examples[i].group] == k]
        coef, intercept = fit_concept_weights(train, classes, vocabulary, idf)
        x = tfidf_matrix([examples[i].text for i in test], vocabulary, idf)
        probabilities[test] = 1 / (1 + np.exp(-np.clip(np.asarray(x @ coef.T) + intercept,
                                                       -50, 50)))
    return probabilities


def choose_thresholds(examples, classes, probabilities, rule_claims, rows) -> np.ndarray:
    """Per register (posting sentences, resume lines) and concept, the threshold past which the
    model claims it; OFF where it may not.

    The model's own claims (those the aliases do not already make) must be at least
    MIN_PRECISION precise on the given rows of the register. On resume lines each concept must
    hold that alone. On posting sentences the claims must hold it together
    (``_pooled_thresholds``): a concept whose claims are 85% right may claim alongside others
    that are 98% right, which is the precision a reader of the whole list sees. Cross-validated
    on dev and dev2 (bench/matching.py), that took concept detection from 0.911 / 0.864 / 0.887 to
    0.913 / 0.878 / 0.895 (dev unchanged at 0.956, dev2 0.869 -> 0.879; gap list F1 0.623 ->
    0.642). On resume lines it cost tag precision (dev and dev2 0.899 -> 0.894, F1 0.754 ->
    0.749), so there each concept still answers for itself.
    """
    def register(source):
        if source not in MODEL_REGISTERS:
            return np.full(len(classes), OFF)
        kept = [i for i in rows if examples[i].source == source]
        curves = _claim_curves(examples, classes, probabilities, rule_claims, kept)
        return (_pooled_thresholds if source == "posting" else _thresholds)(curves)

    return np.stack([register(source) for source in ("posting", "resume")])


def _claim_curves(examples, classes, probabilities, rule_claims, rows) -> list[dict]:
    """Per concept: at each threshold of THRESHOLD_GRID, how many of the rows the model would
    claim it for that the aliases do not, and how many of those are right."""
    curves = []
    for n, concept in enumerate(classes):
        known = [i for i in rows if (concept in examples[i].positives
                                     or concept in examples[i].negatives)
                 and concept not in rule_claims[i]]
        p = probabilities[known, n]
        right = np.array([concept in examples[i].positives for i in known], dtype=bool)
        curves.append({t: (int((p >= t).sum()), int((right & (p >= t)).sum()))
                       for t in THRESHOLD_GRID})
    return curves


def _thresholds(curves: list[dict], min_precision: float = MIN_PRECISION) -> np.ndarray:
    """Each concept's lowest threshold at which its claims alone are min_precision precise."""
    thresholds = np.full(len(curves), OFF)
    for n, curve in enumerate(curves):
        for t in THRESHOLD_GRID:
            claimed, right = curve[t]
            if right >= 2 and right >= min_precision * claimed:
                thresholds[n] = t
                break
    return thresholds


def _pooled_thresholds(curves: list[dict], min_precision: float = MIN_PRECISION) -> np.ndarray:
    """Thresholds under which all claims together stay min_precision precise, chosen greedily:
    next, the concept and lower threshold that add claims at the highest precision (more right
    claims break ties, then the concept's order, then the higher threshold: where the claims are
    the same, the lower one claimed more out of fold and less precisely, cross-validated concept
    F1 0.895 -> 0.894), until the next would take the claims below it. A concept claims only once
    at least two of its claims are right; there is no floor on one concept's own precision (on
    the labelled sets the lowest is about 0.76, with the pool at 0.90)."""
    chosen: dict[int, float] = {}
    claimed = right = 0
    while True:
        best = None
        for n, curve in enumerate(curves):
            now = curve[chosen[n]] if n in chosen else (0, 0)
            for t in THRESHOLD_GRID:
                more, more_right = curve[t][0] - now[0], curve[t][1] - now[1]
                if t >= chosen.get(n, OFF) or more <= 0 or curve[t][1] < 2:
                    continue
                key = (more_right / more, more_right, -n, t)
                if best is None or key > best[0]:
                    best = (key, n, t, more, more_right)
        if best is None or right + best[4] < min_precision * (claimed + best[3]):
            break
        _, n, t, more, more_right = best
        chosen[n] = t
        claimed, right = claimed + more, right + more_right
    thresholds = np.full(len(curves), OFF)
    for n, t in chosen.items():
        thresholds[n] = t
    return thresholds


def rule_claims_of(examples, matcher) -> list[set[str]]:
    """What the aliases and cues alone claim for each example (a matcher without the model)."""
    from .matching import REPORT_THRESHOLD

    readings = [matcher.read([e.text], "resume" if e.source == "resume" else "posting")[0]
                for e in examples]
    return [{k for k, v in r.scores.items() if v >= REPORT_THRESHOLD} for r in readings]


def concept_training_data(shared: Path, bench: Path, lexicon):
    """Every example the concept model learns from, its classes and its vocabulary."""
    from .matching import Matcher

    rules = Matcher(lexicon, concept_model=None)
    classes = contract_classes(shared, lexicon)
    postings = training_postings(shared, bench)
    kept = {f"corpus:{posting_id}" for posting_id, _ in postings}
    by_hand = [e for e in labelled_corpus_examples(classes) if e.group in kept]
    hand_texts = {" ".join(e.text.split()) for e in by_hand}
    weak = [e for e in corpus_examples(postings, rules, classes)
            if " ".join(e.text.split()) not in hand_texts]
    examples = (lexicon_examples(lexicon, classes) + weak + labelled_examples(shared, classes)
                + by_hand + labelled_resume_examples(classes))
    vocabulary, idf = concept_vocabulary(examples)
    return examples, classes, vocabulary, idf, rules


def _out_of_fold(examples, classes, vocabulary, idf, rules):
    """The folds, each labelled example's out-of-fold probabilities, the labelled rows, and what
    the aliases alone claim for each (what threshold choice needs)."""
    folds = fold_of_groups(examples)
    probabilities = out_of_fold_probabilities(examples, classes, vocabulary, idf, folds)
    labelled = [i for i, e in enumerate(examples) if e.group in folds]
    claims = [set() for _ in examples]
    for i, c in zip(labelled, rule_claims_of([examples[i] for i in labelled], rules),
                    strict=True):
        claims[i] = c
    return folds, probabilities, labelled, claims


def train_concept_model(shared: Path, bench: Path, lexicon) -> LinearTextModel:
    """The shipped concept model: weights from all the data, thresholds from cross-validation."""
    examples, classes, vocabulary, idf, rules = concept_training_data(shared, bench, lexicon)
    folds, probabilities, labelled, claims = _out_of_fold(examples, classes, vocabulary, idf,
                                                          rules)
    thresholds = choose_thresholds(examples, classes, probabilities, claims, labelled)
    coef, intercept = fit_concept_weights(examples, classes, vocabulary, idf)
    return LinearTextModel(tuple(classes), vocabulary, idf, coef, intercept, thresholds)


def cross_validate_concepts(shared: Path, bench: Path, lexicon, data=None) -> dict:
    """Concept detection, resume-line tagging and ranking, each scored by the model trained
    without the posting or person scored (5 folds grouped by posting and by person).

    Per fold: weights trained on the other folds, thresholds chosen on the other folds' own
    out-of-fold predictions; the fold's postings are then read with aliases plus that model, and
    ranked against the fold's own resume lines (so no line is ranked by a model that saw it).
    Returns the pooled counts for the model and for aliases alone, side by side (concepts, tags,
    the gap list: true positives, false positives, false negatives; NDCG per posting), and under
    ``by_set`` the same for dev and for dev2 apart (a gain on one set alone is not a gain), and
    the tags of the hand-labelled resume lines (``lines``; they are learned and scored like
    dev2's lines, but rank in no fold's resume and count in no pooled figure, so those compare
    with what they were before these lines).
    """
    from .concept_model import ConceptModel
    from .evaluation import ndcg_at, read_labels
    from .matching import REPORT_THRESHOLD, Matcher, analyze
    from .models import Highlight, Resume
    from .posting import parse_job
    from .sources import read_job

    examples, classes, vocabulary, idf, rules = data or concept_training_data(shared, bench,
                                                                               lexicon)
    folds, probabilities, labelled, claims = _out_of_fold(examples, classes, vocabulary, idf,
                                                          rules)
    ids = set(contract_ids(shared))
    postings = []
    for name in ("dev", "dev2"):
        folder = shared / "eval" / name
        for item in read_labels(folder / "job-labels.jsonl"):
            text, source = read_job(str(folder / "jobs" / f"{item['job']}.txt"))
            postings.append((f"{name}:{item['job']}", text, source,
                             set(item["concepts"]) & ids, name))
    lines = [e for e in examples if e.source == "resume"]
    line_gold, line_set = {}, {}
    for _person, text, concepts in resume_line_labels():
        line_gold[text], line_set[text] = concepts & ids, "lines"
    for name in ("dev", "dev2"):
        for item in read_labels(shared / "eval" / name / "highlight-labels.jsonl"):
            line_gold[item["text"]] = set(item["concepts"]) & ids
            line_set[item["text"]] = name

    def empty() -> dict:
        return {"concepts": [0, 0, 0], "tags": [0, 0, 0], "ndcg": [], "gaps": [0, 0, 0]}

    result = {m: {**empty(), "by_set": {"dev": empty(), "dev2": empty(), "lines": empty()}}
              for m in ("aliases", "model")}
    for k in range(FOLDS):
        rows = [i for i in labelled if folds[examples[i].group] != k]
        thresholds = choose_thresholds(examples, classes, probabilities, claims, rows)
        coef, intercept = fit_concept_weights([e for e in examples
                                               if folds.get(e.group, -1) != k],
                                              classes, vocabulary, idf)
        model = LinearTextModel(tuple(classes), vocabulary, idf, coef, intercept, thresholds)
        fold_lines = [e.text for e in lines if folds[e.group] == k]
        # The fold's resume for ranking and the gap list: the labelled sets' lines only.
        fold_resume = [t for t in fold_lines if line_set[t] != "lines"]
        fold_shown = set().union(*(line_gold[t] for t in fold_resume))
        resume = Resume({}, "fold", tuple(Highlight(t, f"work[0].highlights[{n}]", "work", 0, n)
                                          for n, t in enumerate(fold_resume)))
        for method, matcher in (("aliases", rules),
                                ("model", Matcher(lexicon, ConceptModel(model, set(classes))))):
            pooled, by_set = result[method], result[method]["by_set"]
            readings = matcher.read(fold_lines, "resume")
            for text, reading in zip(fold_lines, readings, strict=True):  # resume register
                shown = {c for c, v in reading.scores.items() if v >= REPORT_THRESHOLD}
                # The pooled figures stay those of dev and dev2, as before these lines.
                for counts in ((by_set["lines"],) if line_set[text] == "lines"
                               else (pooled, by_set[line_set[text]])):
                    _count(counts["tags"], shown & ids, line_gold[text])
            for group, text, source, gold, name in postings:
                if folds[group] != k:
                    continue
                analysis = analyze(parse_job(text, source), matcher, resume)
                relevance = {t: len(line_gold[t] & gold) for t in fold_resume}
                ndcg = (ndcg_at([r.highlight.text for r in analysis.highlights], relevance)
                        if any(relevance.values()) else None)
                for counts in (pooled, by_set[name]):
                    _count(counts["concepts"], {c.id for c in analysis.concepts} & ids, gold)
                    # The gap list: asked for, and shown by none of the fold's lines.
                    _count(counts["gaps"], {c.id for c in analysis.concepts
                                            if c.in_resume is False} & ids, gold - fold_shown)
                    if ndcg is not None:
                        counts["ndcg"].append(ndcg)
    return result


def contract_ids(shared: Path) -> list[str]:
    import yaml

    data = yaml.safe_load((shared / "concepts.yml").read_text("utf-8"))
    return sorted(c["id"] for group in data.values() for c in group)


def _count(counts: list[int], predicted: set[str], gold: set[str]) -> None:
    counts[0] += len(predicted & gold)
    counts[1] += len(predicted - gold)
    counts[2] += len(gold - predicted)


def prf(counts: list[int]) -> tuple[float, float, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
