"""Judging what a posting asks for, and which of the person's highlights answer it.

Why: everything the tool writes rests on these two judgements, so they are made once, here, from
three kinds of evidence per sentence:

* an alias of a lexicon entry ("prior authorization", "supervise ... staff"): the sentence names it;
* cues (generic words such as "team" or "accuracy"): weak alone, telling in numbers;
* TF-IDF similarity between the sentence and the entry's profile (its description, aliases and
  cues), with an IDF fitted on a shipped background corpus, so that a sentence written in words
  no alias foresaw still counts when it is close enough.

Scores are per sentence, then combined per concept, so one threshold means the same for a
600-character excerpt and a 10,000-character posting. Only sentences the posting reader left in
play (not boilerplate, not negated) can yield a concept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .aliases import AliasIndex, Hit
from .concept_model import ConceptModel, shipped_model
from .lexicon_vectors import vectors_for
from .models import (IMPORTANCE_ORDER, Analysis, ConceptMatch, Highlight, Job, Lexicon,
                     RankedHighlight, Resume, Sentence)
from .products import mark_partial, product_evidence
from .text import Token, tokenize

REPORT_THRESHOLD = 0.5  # a concept scoring at least this is one the job asks for
# A gap's resume line the concept model finds at least this likely to show it is pointed out
# (maybe_shown_by). Cross-validated on the dev and dev2 resume lines, of the line-concept pairs
# that neither the aliases nor the model claim and that reach it, 12 of 19 show the concept to
# the annotators (at 0.3, 23 of 43): a pointer worth checking, never a claim.
MAYBE_SHOWN = 0.4
CUE_SCORE = 0.25  # one cue alone; n distinct cues give 1 - 0.75^n (three nearly suffice)
REFINEMENT_WEIGHT = 0.2
VECTOR_MEMO_LIMIT = 20_000  # TF-IDF rows Matcher.vectors keeps between calls
TFIDF_CENTER = 0.30  # cosine at which TF-IDF alone reaches the threshold
TFIDF_WIDTH = 0.05
# Close wording counts only where a text shares at least this many terms with an entry's
# profile. One shared word is no reading: "Full training will be provided" came close to staff
# training, "This will be on a Bank contract" to vendor contracts, "Interviews: Wednesday" to
# staff management. Over the 740 corpus postings that took 34 readings away, all but one wrong
# (the other a finer entry whose general one stayed) and none gained; cross-validated on dev and
# dev2 (bench/matching.py) no concept or tag changed, and NDCG@10 rose by 0.001.
MIN_SHARED = 2
IMPORTANCE_WEIGHT = {"required": 1.0, "preferred": 0.75, "": 0.9}
SECTION_WEIGHT = {"requirements": 1.0, "responsibilities": 1.0, "preferred": 0.9, "summary": 0.95}
HIDDEN_KINDS = frozenset({"career-level"})  # describe the role, never "asked for"
# Named things (a degree, a law, a code set, a product) are shown only by naming them: wording
# that merely resembles "Certified Medical Manager" must never count as holding it.
NAMED_KINDS = frozenset({"credential", "regulation", "coding-system", "software", "career-level"})


@dataclass(frozen=True)
class Reading:
    """One text as the matcher read it: its words, the aliases found, the entries it shows.

    Why: the later steps (evidence order, emphasis) need the words and alias hits again; keeping
    them here means every text is tokenised and searched once.
    """

    tokens: list[Token]
    hits: list[Hit]
    scores: dict[str, float]  # entry id -> 0..1, before any weighting
    # The concept model's probabilities (ConceptModel.likelihoods): what ranking counts for a
    # concept the text does not surely show; never a claim.
    likely: dict[str, float] = field(default_factory=dict)


class Matcher:
    """A lexicon made ready for matching: alias index, TF-IDF space and entry profiles."""

    def __init__(self, lexicon: Lexicon, concept_model: ConceptModel | None | bool = True):
        """``concept_model``: True for the shipped model, None or False for aliases alone."""
        self.lexicon = lexicon
        self.entries = list(lexicon.entries)
        self.ids = [e.id for e in self.entries]
        self.aliases = AliasIndex({e.id: e.aliases for e in self.entries})
        self.cues = AliasIndex({e.id: e.cues for e in self.entries})
        self.levels = AliasIndex({e.id: e.aliases for e in self.entries
                                  if e.kind == "career-level"})
        self._implied = {e.id: _closure(e.id, lexicon) for e in self.entries}
        self._fuzzy = [e.kind not in NAMED_KINDS for e in self.entries]
        claimable = {e.id for e in self.entries if e.kind not in NAMED_KINDS
                     and e.kind not in HIDDEN_KINDS}
        if concept_model is True:
            concept_model = shipped_model(claimable)
        self.model = concept_model or None
        # A refinement ("patient registration" of "office operations") implies an entry of its own
        # kind; in ranking it counts little, so one duty said in several finer words is not
        # counted several times over.
        kinds = {e.id: e.kind for e in self.entries}
        self._refinements = frozenset(e.id for e in self.entries
                                      if any(kinds.get(t) == e.kind for t in e.implies))
        self.space = vectors_for(lexicon)
        # Which terms each profile has (entries x vocabulary), to count the terms a text shares.
        self._profile_terms = (self.space.profiles != 0).astype(float).T.tocsr()
        self._vector_memo: dict[str, Any] = {}

    def vectors(self, texts: list[str]):
        """The texts' TF-IDF rows (a sparse matrix), each text's row computed once.

        Why a memo: pairing asks for the same posting sentences and resume lines once per
        concept; transforming them again each time was a fifth of an analysis. It is bounded so
        a long batch does not keep every text it ever saw.
        """
        from scipy.sparse import vstack

        missing = list(dict.fromkeys(t for t in texts if t not in self._vector_memo))
        if missing and len(self._vector_memo) + len(missing) > VECTOR_MEMO_LIMIT:
            self._vector_memo.clear()  # then every text of this call is computed afresh
            missing = list(dict.fromkeys(texts))
        if missing:
            rows = self.space.transform(missing)
            for n, t in enumerate(missing):
                self._vector_memo[t] = rows[n]
        return vstack([self._vector_memo[t] for t in texts], format="csr")

    # ------------------------------------------------------------------ evidence per text
    def read(self, texts: list[str], register: str = "posting") -> list[Reading]:
        """Read each text: its words, the aliases it names, and the entries it shows.

        Posting sentences and resume lines are read the same way. (Resume lines once counted a
        cue word for more; two cue words then sufficed to claim a skill, as "scan" and
        "electronic" did for software proficiency, and a claimed skill hides a gap.)
        """
        if not texts:
            return []
        rows = self.vectors(texts)
        sims = (rows @ self.space.profiles.T).toarray()
        # How many terms each text shares with each profile: close wording needs MIN_SHARED.
        shared = ((rows != 0).astype(float) @ self._profile_terms).toarray()
        learned = self.model.likelihoods(texts) if self.model else [{} for _ in texts]
        out = []
        for row, terms, text, likely in zip(sims, shared, texts, learned, strict=True):
            model_scores = self.model.claims(likely, register) if likely else {}
            tokens = tokenize(text)
            hits = self.aliases.find(tokens)
            scores: dict[str, float] = {}
            for hit in hits:
                scores[hit.entry_id] = 1.0
            cue_spans: dict[str, list[tuple[int, int]]] = {}
            for hit in self.cues.find(tokens):
                cue_spans.setdefault(hit.entry_id, []).append((hit.start, hit.end))
            for entry_id, spans in cue_spans.items():
                if self.lexicon.by_id[entry_id].kind in NAMED_KINDS:
                    continue
                n = _distinct_spans(spans, tokens)
                cue = 1 - (1 - CUE_SCORE) ** n
                scores[entry_id] = max(scores.get(entry_id, 0.0), cue)
            # A line of one or two words cannot show a duty by its wording alone.
            damping = min(1.0, len(tokens) / 8)
            for j, cos in enumerate(row):
                if cos > 0.05 and self._fuzzy[j] and terms[j] >= MIN_SHARED:
                    entry_id = self.ids[j]
                    tf = damping * _logistic((cos - TFIDF_CENTER) / TFIDF_WIDTH)
                    base = scores.get(entry_id, 0.0)
                    # TF-IDF stands alone when the wording is close, and adds to weak evidence.
                    combined = max(tf, min(1.0, base + 0.5 * tf)) if base else tf
                    scores[entry_id] = max(base, combined)
            for entry_id, score in model_scores.items():
                scores[entry_id] = max(scores.get(entry_id, 0.0), score)
            for entry_id, score in list(scores.items()):
                for implied in self._implied[entry_id]:
                    scores[implied] = max(scores.get(implied, 0.0), score)
            out.append(Reading(tokens, hits, {k: v for k, v in scores.items() if v >= 0.05},
                               likely))
        return out

    # ------------------------------------------------------------------ the job
    def job_concepts(self, job: Job) -> list[ConceptMatch]:
        """The concepts the posting asks for, highest score first, each with its evidence."""
        return self.read_job(job)[0]

    def read_job(self, job: Job) -> tuple[list[ConceptMatch], dict[str, float],
                                          dict[str, float]]:
        """What the posting asks for, what it only touches on, and what it may ask for.

        The second part maps each entry the posting comes near without asking for it (its score
        stays under the threshold) to that score; ranking uses it to choose between highlights
        that answer equally much of what is asked. The third maps each concept the posting does
        not surely ask for to how likely the concept model finds that one of its counted
        sentences asks for it (weighted as the sentence's section and importance weigh it); for
        ranking only, never a concept of the job.
        """
        live = [s for s in job.sentences if not s.ignored]
        found: dict[str, list[tuple[float, int, Sentence]]] = {}
        likely: dict[str, float] = {}
        for sentence, reading in zip(live, self.read([s.text for s in live]), strict=True):
            # How much the sentence is about each entry: the aliases of it (and of its
            # refinements) it names. Among equally sure sentences, the one naming most leads.
            naming: dict[str, int] = {}
            for hit in reading.hits:
                for entry_id in (hit.entry_id, *self._implied[hit.entry_id]):
                    naming[entry_id] = naming.get(entry_id, 0) + 1
            weight = (SECTION_WEIGHT.get(sentence.section, 0.9)
                      * IMPORTANCE_WEIGHT.get(sentence.importance, 0.9))
            for entry_id, score in reading.scores.items():
                found.setdefault(entry_id, []).append((score * weight, naming.get(entry_id, 0),
                                                       sentence))
            for entry_id, p in reading.likely.items():
                likely[entry_id] = max(likely.get(entry_id, 0.0), p * weight)
        concepts = []
        touched: dict[str, float] = {}
        for entry_id, items in found.items():
            entry = self.lexicon.by_id[entry_id]
            if entry.kind in HIDDEN_KINDS:
                continue
            items.sort(key=lambda x: (-x[0], -x[1], x[2].line))
            top = items[0][0]
            # Repeated mentions make a concept surer, never less sure.
            combined = 1 - math.prod(1 - s for s, _, _ in items[:4])
            score = round(min(1.0, max(top, 0.7 * top + 0.3 * combined)), 4)
            if score < REPORT_THRESHOLD:
                touched[entry_id] = score
                continue
            supporting = ([s for sc, _, s in items if sc >= REPORT_THRESHOLD * 0.8]
                          or [items[0][2]])
            importance = _importance(supporting)
            evidence = tuple(dict.fromkeys(s.text for s in supporting))[:3]
            concepts.append(ConceptMatch(entry.id, entry.name, entry.kind, score, importance,
                                         evidence, mentions=len(supporting),
                                         first_line=min(s.line for s in supporting),
                                         refines=entry.id in self._refinements))
        concepts.sort(key=lambda c: (-c.score, IMPORTANCE_ORDER[c.importance], c.id))
        asked = {c.id for c in concepts}
        return concepts, touched, {k: p for k, p in likely.items() if k not in asked}

    def sentence_concepts(self, job: Job,
                          concepts: list[ConceptMatch] | tuple[ConceptMatch, ...]
                          ) -> list[tuple[str, ...]]:
        """Per sentence of the posting: the concepts it names (score at least the threshold).

        For a counted sentence these are what it yielded, the reported concepts first; for a
        sentence not counted, what it would have yielded had it counted. This serves
        ``analyze --explain`` ("why didn't it see that I need SystmOne?"), not the judgement.
        """
        reported = {c.id: n for n, c in enumerate(concepts)}
        out = []
        for reading in self.read([s.text for s in job.sentences]):
            named = [k for k, v in reading.scores.items() if v >= REPORT_THRESHOLD
                     and self.lexicon.by_id[k].kind not in HIDDEN_KINDS]
            named.sort(key=lambda k: (reported.get(k, len(reported)), k))
            out.append(tuple(named))
        return out

    def job_level(self, job: Job) -> str | None:
        """The career level of the role, read from its title."""
        if not job.title:
            return None
        hits = self.levels.find(tokenize(job.title))
        if not hits:
            return None
        # The last level word in a title is its head ("Assistant Practice Manager" is a manager
        # level only if no longer alias says otherwise); prefer the longest match at the end.
        hits.sort(key=lambda h: (h.end, h.end - h.start))
        return hits[-1].entry_id

    # ------------------------------------------------------------------ the resume
    def rank_highlights(self, resume: Resume, concepts: list[ConceptMatch],
                        readings: dict[str, Reading],
                        touched: dict[str, float] | None = None,
                        maybe_asked: dict[str, float] | None = None) -> list[RankedHighlight]:
        """Every highlight, most relevant to the job first.

        ``readings`` holds the resume's texts as read by ``read_resume``; ``touched`` what the
        posting touches on without asking for it and ``maybe_asked`` what it may ask for
        (both from ``read_job``).

        What counts is how much of what the posting asks for a highlight shows (its score): each
        concept the job asks for counts once, required more than preferred, and as surely as the
        line shows it (a concept the line only comes near counts for less than one it names).
        Lines that surely show something the job asks for come first. Among them, and among the
        rest, a concept a line does not surely show still counts by how likely the concept model
        finds it (``relevance``). That is never a claim (``score``, ``concepts`` and ``matched``
        hold only what the line surely shows); it only orders lines, because people word their
        lines so that a reader sees a skill where no rule can be sure of it ("Reviewed charts to
        ensure correct coding" is quality control), and the model's probabilities order lines
        far better than they can claim. Cross-validated on dev and dev2 (bench/matching.py),
        NDCG@10 went from 0.709 to 0.730 with it (dev 0.695 -> 0.742, dev2 0.712 -> 0.727).
        The posting side is read the same way: a concept the posting may ask for without
        surely asking counts by how likely it is asked times how likely the line shows it
        (cross-validated NDCG@10 0.730 -> 0.746: dev 0.742 -> 0.730, dev2 0.727 -> 0.749).
        These chances combine as an expected gain (``_expected_gain``), not a sum, because a line
        that answers several wants together is worth more than in step to a reader
        (0.746 -> 0.750: dev 0.730 -> 0.741, dev2 0.749 -> 0.752). The
        faint evidence of the rules (a cue word, close wording) ordered dev's cross-validated
        lines better still but its full resume worse (0.831 -> 0.789), so it does not count.
        A finer concept ("staff scheduling") adds nothing to the general one it implies and the
        line therefore shows too ("staff management"), so one duty said in several finer words
        is not counted several times over; an efficiency or cost result adds a little.
        Highlights that show equally much are told apart, in turn, by how near the posting
        comes to asking for the other things they show; by how much of it they name in their
        own words rather than only by implication ("Supervise a team of 9 staff" names staff
        management, "trained 25 staff" only implies it through staff training); by how closely
        their wording answers the posting's own sentences for the concepts they match; and last
        by the person's own order.

        Why this and not the posting's emphasis: weighting concepts by how often and how early
        the posting names them, or by the guide's Step 10 list, ordered the labelled sets worse
        (dev NDCG@10 0.82 -> 0.74-0.80); the emphasis decides what each job keeps instead
        (tailoring.py). Wording similarity to the posting as a whole was once the tie-break; on
        the held-out postings it ordered no better than chance, because generic words such as
        "patient records" lift lines whatever they show.
        """
        highlights = list(resume.highlights)
        if not highlights:
            return []
        touched = touched or {}
        maybe_asked = maybe_asked or {}
        weights = {c.id: _CONCEPT_WEIGHT[c.importance]
                   * (0.0 if c.refines else REFINEMENT_WEIGHT if c.kind not in _CORE_KINDS
                      else 1.0)
                   for c in concepts}
        answer = self._answer_similarity(highlights, concepts, readings)
        ranked, keys = [], []
        for i, h in enumerate(highlights):
            reading = readings[h.text]
            scores = reading.scores
            shown = sorted((k for k, v in scores.items() if v >= REPORT_THRESHOLD
                            and self.lexicon.by_id[k].kind not in HIDDEN_KINDS),
                           key=lambda k: (-scores[k], k))
            worth = {k: weights[k] * scores[k] for k in shown if k in weights}
            matched = sorted(worth, key=lambda k: (-weights[k], -worth[k], k))
            # Each want of the posting, as likely as it is asked and the line shows it: what it
            # surely shows, how likely the concept model finds the rest, and what the posting
            # may ask for without surely asking.
            chances = list(worth.values())
            chances += [weights[k] * p for k, p in reading.likely.items()
                        if k in weights and k not in worth]
            chances += [q * (1.0 if scores.get(k, 0.0) >= REPORT_THRESHOLD
                             else reading.likely.get(k, 0.0))
                        for k, q in maybe_asked.items() if k not in weights]
            score = round(1 - math.exp(-sum(worth.values()) / 2.5), 4)
            relevance = _expected_gain(chances)
            near = max((touched.get(k, 0.0) for k in shown if k not in weights), default=0.0)
            implied = self._only_implied(reading)
            named = sum(w for k, w in worth.items() if k not in implied)
            keys.append((-(score > 0), -relevance, -round(near, 3), -round(named, 4),
                         -round(answer[i], 4), i))
            ranked.append(RankedHighlight(h, score, tuple(shown), tuple(matched),
                                          self._emphasis(h.text, reading, set(matched)),
                                          relevance))
        return [ranked[k[-1]] for k in sorted(keys)]

    def _only_implied(self, reading: Reading) -> set[str]:
        """The entries a text shows only because an entry it names implies them."""
        named = {hit.entry_id for hit in reading.hits}
        return {k for entry_id in named for k in self._implied[entry_id]} - named

    def _emphasis(self, text: str, reading: Reading,
                  wanted: set[str]) -> tuple[tuple[int, int], ...]:
        """Where the highlight names what the job asks for (alias hits), merged, in text order."""
        tokens = reading.tokens
        spans = sorted({(tokens[i].start, tokens[i].end)
                        for h in reading.hits
                        if h.entry_id in wanted or wanted & set(self._implied[h.entry_id])
                        for i in h.positions})
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            # Words of one phrase are joined across the space (or hyphen) between them.
            if merged and text[merged[-1][1]:a] in ("", " ", "-", "- ", " - "):
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return tuple(merged)

    def _answer_similarity(self, highlights: list[Highlight], concepts: list[ConceptMatch],
                           readings: dict[str, Reading]) -> list[float]:
        """Per highlight: how closely it is worded like the posting's sentences for the wanted
        concepts it shows (TF-IDF cosine with the closest one, averaged over those concepts)."""
        wanted = {c.id: c.evidence for c in concepts}
        sentences = list(dict.fromkeys(s for ev in wanted.values() for s in ev))
        if not sentences:
            return [0.0] * len(highlights)
        row = {s: n for n, s in enumerate(sentences)}
        sims = (self.vectors([h.text for h in highlights])
                @ self.vectors(sentences).T).toarray()
        out = []
        for h, sim in zip(highlights, sims, strict=True):
            best = [max(sim[row[s]] for s in wanted[k])
                    for k, v in readings[h.text].scores.items()
                    if v >= REPORT_THRESHOLD and k in wanted]
            out.append(float(sum(best) / len(best)) if best else 0.0)
        return out

    def pair(self, job_sentences: tuple[str, ...], resume_lines: list[str]) -> list[str]:
        """The resume's lines showing a concept, best answer to the posting's own words first.

        Why: every line here shows the concept; the one worded most like the posting's sentence
        (TF-IDF cosine) is the one a reader sees as answering it. Ties keep resume order.
        """
        if len(resume_lines) < 2 or not job_sentences:
            return list(resume_lines)
        job = self.vectors(list(job_sentences))
        lines = self.vectors(resume_lines)
        sims = (lines @ job.T).toarray()
        # The posting's first, strongest sentence for the concept leads; its others break ties.
        key = sims[:, 0] + 0.1 * sims[:, 1:].sum(axis=1)
        order = sorted(range(len(resume_lines)), key=lambda i: (-round(float(key[i]), 6), i))
        return [resume_lines[i] for i in order]

    def read_resume(self, resume: Resume) -> dict[str, Reading]:
        """Every text of the resume that can show a skill, read once, by its text."""
        texts = resume_texts(resume)
        return dict(zip(texts, self.read(texts, "resume"), strict=True))

    @staticmethod
    def resume_concepts(readings: dict[str, Reading]) -> dict[str, list[str]]:
        """Every concept the resume shows anywhere, with the verbatim text that shows it."""
        shown: dict[str, list[str]] = {}
        for text, reading in readings.items():
            for entry_id, score in reading.scores.items():
                if score >= REPORT_THRESHOLD:
                    shown.setdefault(entry_id, []).append(text)
        return shown


_IN_PROGRESS = re.compile(r"\b(in progress|expected|ongoing|pursuing|candidate|current|"
                          r"incomplete|not completed|anticipated)\b", re.I)
_CONCEPT_WEIGHT = {"required": 1.0, "": 0.85, "preferred": 0.6}
_CORE_KINDS = frozenset({"skill", "duty", "credential", "regulation", "coding-system", "software"})


def _expected_gain(chances: list[float]) -> float:
    """A line's relevance in [0, 1] from the chance of each want of the posting it shows.

    Why a product and not a sum: a reader gains more from a line the more wants it answers
    together, and grows more than in step (the labelled sets score an order with gain
    2^wants - 1, as NDCG does). With independent chances c_k that gain is expected to be
    prod(1 + c_k) - 1; relevance is 1 - 1 / prod(1 + c_k), which orders lines the same way
    (rounded to four places, so a line answering very many wants reaches 1).
    """
    return round(1 - math.exp(-sum(math.log1p(c) for c in chances)), 4)


def _importance(sentences: list[Sentence]) -> str:
    marks = {s.importance for s in sentences}
    if "required" in marks:
        return "required"
    if "" in marks:
        return ""
    return "preferred"


def resume_texts(resume: Resume) -> list[str]:
    """The resume's own words that can show a skill: highlights, summaries, skills, schooling."""
    data = resume.data
    texts = [h.text for h in resume.highlights]
    basics = data.get("basics") or {}
    for key in ("summary", "label"):
        if isinstance(basics.get(key), str) and basics[key].strip():
            texts.append(basics[key])
    for section in ("work", "volunteer", "projects"):
        for item in data.get(section) or []:
            for key in ("summary", "description"):
                if isinstance(item.get(key), str) and item[key].strip():
                    texts.append(item[key])
    for skill in data.get("skills") or []:
        parts = [skill.get("name") or ""] + list(skill.get("keywords") or [])
        texts.extend(p for p in parts if isinstance(p, str) and p.strip())
    for edu in data.get("education") or []:
        degree = " ".join(x for x in (edu.get("studyType"), edu.get("area")) if isinstance(x, str))
        # A degree still in progress is not yet held: it must not count as the credential.
        if degree.strip() and not _IN_PROGRESS.search(degree) and (
                edu.get("endDate") or not edu.get("startDate")):
            texts.append(degree)
        texts.extend(c for c in edu.get("courses") or [] if isinstance(c, str) and c.strip())
    for cert in data.get("certificates") or []:
        if isinstance(cert.get("name"), str) and cert["name"].strip():
            texts.append(cert["name"])
    return list(dict.fromkeys(texts))


def analyze(job: Job, matcher: Matcher, resume: Resume | None = None) -> Analysis:
    """The whole judgement for one job and, if given, one resume."""
    concepts, touched, maybe_asked = matcher.read_job(job)
    job = replace(job, level=matcher.job_level(job))
    level_name = matcher.lexicon.by_id[job.level].name if job.level else None
    if resume is None:
        return Analysis(job, tuple(concepts), level_name=level_name)
    readings = matcher.read_resume(resume)
    shown = matcher.resume_concepts(readings)
    concepts = [replace(c, in_resume=c.id in shown,
                        resume_evidence=tuple(matcher.pair(c.evidence, shown.get(c.id, []))))
                for c in concepts]
    # Named products: SystmOne asked and athenahealth shown is a partial match (products.py).
    asked = product_evidence(concepts)
    concepts = mark_partial(concepts, dict(zip(asked, matcher.read(asked), strict=True)),
                            readings, matcher.lexicon)
    concepts = [replace(c, maybe_shown_by=_maybe_shown_by(c.id, readings))
                if c.in_resume is False else c for c in concepts]
    ranked = matcher.rank_highlights(resume, concepts, readings, touched, maybe_asked)
    return Analysis(job, tuple(concepts), tuple(ranked), match_score(concepts),
                    level_name=level_name)


def _maybe_shown_by(entry_id: str, readings: dict[str, Reading]) -> tuple[str, ...]:
    """The resume's texts the concept model finds likely to show a gap (MAYBE_SHOWN), most
    likely first, at most two.

    Why: people word their lines so that a reader sees a skill where no rule can be sure
    ("Reviewed charts to ensure correct coding" is quality control), so a gap is often one the
    person has filled without saying so plainly. Claiming it would hide a gap when the line does
    not show it; pointing at the line lets the person say it plainly if it is true.
    """
    likely = sorted(((-r.likely.get(entry_id, 0.0), n, text)
                     for n, (text, r) in enumerate(readings.items())
                     if r.likely.get(entry_id, 0.0) >= MAYBE_SHOWN))
    return tuple(text for _, _, text in likely[:2])


def match_score(concepts: list[ConceptMatch]) -> int:
    """0-100: the share of what the job asks for that the resume shows, required counting most."""
    total = shown = 0.0
    for c in concepts:
        if c.kind in HIDDEN_KINDS or c.kind == "achievement":
            continue
        w = c.score * _CONCEPT_WEIGHT[c.importance]
        total += w
        shown += w if c.in_resume else 0.0
    return round(100 * shown / total) if total else 0


def _closure(entry_id: str, lexicon: Lexicon) -> tuple[str, ...]:
    seen: list[str] = []
    stack = list(lexicon.by_id[entry_id].implies)
    while stack:
        nxt = stack.pop()
        if nxt not in seen and nxt != entry_id and nxt in lexicon.by_id:
            seen.append(nxt)
            stack.extend(lexicon.by_id[nxt].implies)
    return tuple(seen)


def _distinct_spans(spans: list[tuple[int, int]], tokens) -> int:
    """How many separate places cue words stand in: overlapping or repeated words count once."""
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return len({tuple(t.stem for t in tokens[a:b]) for a, b in merged})


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, x)))) if x > -50 else 0.0


@lru_cache(maxsize=8)
def matcher_for(lexicon: Lexicon) -> Matcher:
    """One Matcher per lexicon in a process (building it reads or fits its TF-IDF space)."""
    return Matcher(lexicon)
