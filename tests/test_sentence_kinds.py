"""The reader judges each sentence by what it says; the section it stands in is only a hint."""

from tailor.posting import parse_job


def kind_of(job, fragment):
    found = [s for s in job.sentences if fragment in s.text]
    assert found, fragment
    return found[0]


def test_a_field_line_covers_its_own_value_only():
    job = parse_job("Receptionist\nOak Surgery\n\nSalary: £21,000 per annum\n"
                    "Hours 15 - 25 per week\n\n"
                    "- You must be IT literate and have a clear telephone manner\n"
                    "- Book appointments for patients and answer queries at the desk\n")
    assert kind_of(job, "Salary").ignored == "boilerplate"
    assert kind_of(job, "IT literate").ignored == ""
    assert kind_of(job, "Book appointments").ignored == ""


def test_a_plain_line_with_a_heading_word_opens_no_section():
    job = parse_job("Administrative Assistant\nSteward Health Care\n\nResponsibilities:\n"
                    "Obtain surgical authorizations from insurance companies as needed\n"
                    "Schedule pre-admission testing for surgical patients\n"
                    "Scan all surgery related documents into Athena\n"
                    "Verify insurance coverage for all patients before scheduling them\n")
    for fragment in ("Schedule pre-admission", "Scan all surgery", "Verify insurance"):
        sentence = kind_of(job, fragment)
        assert (sentence.ignored, sentence.section) == ("", "responsibilities"), fragment


def test_boilerplate_is_known_by_what_it_says_wherever_it_stands():
    job = parse_job("Medical Secretary\nNorth Trust\n\nMain duties\n"
                    "- Type clinic letters from dictation\n"
                    "- We offer an NHS pension and 27 days annual leave\n"
                    "- We are an equal opportunities employer and welcome applications from all\n"
                    "- For further information please contact jane.doe@nhs.net\n")
    assert kind_of(job, "Type clinic letters").kind == "duty"
    assert kind_of(job, "NHS pension").kind == "benefits"
    assert kind_of(job, "equal opportunities").kind == "eeo"
    assert kind_of(job, "jane.doe").kind == "apply"
    for fragment in ("NHS pension", "equal opportunities", "jane.doe"):
        assert kind_of(job, fragment).why.startswith("boilerplate"), fragment


def test_how_applicants_are_chosen_is_how_to_apply_not_a_duty():
    # An NHS clause (four postings of ../shared): its "interview" and "selection" once read as
    # recruitment and staff management asked of the applicant.
    text = ("Our selection for interview process is designed to ensure individuals are selected "
            "for interview on the merit of their application only.")
    job = parse_job(f"Clerical Officer\nBay Health Board\n\nAbout the role\n"
                    f"You will book clinic appointments.\n{text}\n")
    assert kind_of(job, "selection for interview").kind == "apply"
    assert kind_of(job, "selection for interview").ignored == "boilerplate"
    assert kind_of(job, "book clinic").ignored == ""
    # A requirement that names the interview still asks something and counts.
    job = parse_job("Clerk\nBay Health Board\n\nApplicants must hold a current driving licence "
                    "to be selected for interview.\n")
    assert kind_of(job, "driving licence").ignored == ""


def test_a_sentence_asking_something_counts_under_a_boilerplate_heading():
    job = parse_job("Clerical Officer\nBay Health Board\n\nJob details\n"
                    "Location: Civic Centre\n\nWorking pattern\n"
                    "You will need excellent organisational and prioritisation skills.\n")
    sentence = kind_of(job, "organisational and prioritisation")
    assert sentence.ignored == "" and sentence.kind in ("requirement", "duty")


def test_a_dated_field_with_a_dash_does_not_swallow_what_follows():
    job = parse_job("Ward Clerk\nCity Hospital\n\nClosing Date - 17/11/2020\n\n"
                    "The ward clerk maintains patient records and greets visitors.\n")
    assert kind_of(job, "Closing Date").ignored == "boilerplate"
    assert kind_of(job, "maintains patient records").ignored == ""


def test_every_sentence_not_counted_says_why(example_job):
    for s in example_job.sentences:
        assert bool(s.ignored) == bool(s.why), s.text


def test_a_duty_under_a_duties_heading_counts_though_the_model_leans_to_boilerplate():
    # The model leans to "how to apply" for "Lead ..." (contact lines name a "Recruitment Lead");
    # under a duties heading that lean is not enough to throw the duty away.
    job = parse_job("Practice Supervisor\nLakeside Clinic\n\nResponsibilities:\n"
                    "- Lead quality improvement initiatives for the practice.\n")
    assert kind_of(job, "Lead quality").kind == "duty"
