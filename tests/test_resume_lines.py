"""Resume lines claim what a careful reader says they show, and nothing more (a claimed skill hides
a gap). These read lines the way resumes word them, with the lexicon alone and with the model."""

import pytest

from tailor.matching import REPORT_THRESHOLD, Matcher


@pytest.fixture(scope="module", params=["aliases", "model"])
def reader(request, lexicon):
    matcher = Matcher(lexicon, concept_model=None if request.param == "aliases" else True)

    def shown(line):
        reading = matcher.read([line], "resume")[0]
        return {k for k, v in reading.scores.items() if v >= REPORT_THRESHOLD}
    return shown


@pytest.mark.parametrize("line", [
    "Supervised a staff of 6 medical clerks, 3 doctors, and 1 psychologist.",
    "Directed 18-person staff with four direct reports.",
    "Managing a team of approximately 20 employees in a busy work environment.",
])
def test_supervising_people_shows_leadership_and_staff_management(reader, line):
    assert {"skill.leadership", "duty.staff-management"} <= reader(line)


def test_someone_elses_supervision_is_not_the_persons_leadership(reader):
    line = ("Under the supervision of the Director, served as liaison between the physicians "
            "and the office support staff.")
    assert "skill.leadership" not in reader(line)


def test_posting_payments_is_not_managing_a_budget(reader):
    shown = reader("Posted patient payments and prepared daily deposit slips")
    assert "skill.billing-coding" in shown
    assert "duty.budget-management" not in shown
    assert "skill.financial-management" not in shown


def test_billing_insurers_is_handling_claims(reader):
    shown = reader("Billed Medicaid, Medicare, and private insurance companies for services.")
    assert {"skill.billing-coding", "duty.budget-management"} <= shown


def test_an_efficiency_gain_is_improving_operations(reader):
    assert "duty.quality-control" in reader("Improved patient attendance rates by 20%.")
