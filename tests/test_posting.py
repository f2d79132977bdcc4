from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.posting import parse_job

from conftest import DATA, EXAMPLES


def by_text(job, fragment):
    matches = [s for s in job.sentences if fragment in s.text]
    assert matches, fragment
    return matches[0]


def test_title_and_company_from_first_lines(example_job):
    assert example_job.title == "Medical Office Manager"
    assert example_job.company == "Riverbend Family Health Partners"


def test_title_and_company_from_labels():
    job = parse_job((DATA / "jobs" / "uk-practice-manager.txt").read_text("utf-8"))
    assert job.title == "Deputy Practice Manager"
    assert job.company == "Meadowbank Surgery"


def test_title_at_company_on_one_line():
    job = parse_job("Billing Specialist at Valley Health\n\nSubmit claims daily.")
    assert (job.title, job.company) == ("Billing Specialist", "Valley Health")


def test_options_override_what_the_posting_says():
    job = parse_job("Some title\nSome company\n\nText.", company="Acme Clinic", title="Biller")
    assert (job.title, job.company) == ("Biller", "Acme Clinic")


def test_sections_from_us_headings(example_job):
    assert by_text(example_job, "Oversee daily clinic operations").section == "responsibilities"
    assert by_text(example_job, "supervisory experience").section == "requirements"
    assert by_text(example_job, "Certified Medical Manager").section == "preferred"
    assert by_text(example_job, "Certified Medical Manager").importance == "preferred"
    assert by_text(example_job, "supervisory experience").importance == "required"


def test_sections_from_uk_headings():
    job = parse_job((DATA / "jobs" / "uk-practice-manager.txt").read_text("utf-8"))
    assert by_text(job, "Line manage the reception").section == "responsibilities"
    assert by_text(job, "SystmOne").importance == "required"
    assert by_text(job, "QOF and enhanced services").importance == "preferred"


def test_boilerplate_is_ignored(example_job):
    for fragment in ("physician-owned primary care group", "401(k)", "equal opportunity employer",
                     "Send your resume"):
        assert by_text(example_job, fragment).ignored == "boilerplate", fragment


def test_uk_boilerplate_is_ignored():
    job = parse_job((DATA / "jobs" / "uk-practice-manager.txt").read_text("utf-8"))
    for fragment in ("NHS Pension Scheme", "equal opportunities employer", "Closing date",
                     "friendly GP practice"):
        assert by_text(job, fragment).ignored == "boilerplate", fragment


def test_negation_is_read_per_clause(example_job):
    assert by_text(example_job, "Payroll is handled by our central HR team").ignored == "negated"
    assert by_text(example_job, "this role does not process payroll").ignored == "negated"
    job = parse_job("Office Manager\nAcme\n\nHR is handled by a separate team, so you can focus "
                    "on patient scheduling.")
    assert by_text(job, "so you can focus on patient scheduling").ignored == ""


def test_sentences_are_verbatim_substrings(example_job):
    for sentence in example_job.sentences:
        assert sentence.text in example_job.text


def test_abbreviations_do_not_split_sentences():
    job = parse_job("T\nC\n\nUse applications (e.g. Epic, Cerner) daily. Answer phones.")
    texts = [s.text for s in job.sentences if s.section != "header"]
    assert texts == ["Use applications (e.g. Epic, Cerner) daily.", "Answer phones."]


def test_a_sentence_ends_where_pasting_lost_the_space_but_not_in_an_address():
    job = parse_job("T\nC\n\nGood all-round administration experience.Supervision of junior "
                    "staff as appropriate. Email Andrea.Hill@nhs.net for details.")
    texts = [s.text for s in job.sentences if s.section != "header"]
    assert texts[:2] == ["Good all-round administration experience.",
                         "Supervision of junior staff as appropriate."]
    assert texts[2] == "Email Andrea.Hill@nhs.net for details."


def test_example_file_parses_the_same_from_disk():
    text = (EXAMPLES / "job.txt").read_text("utf-8")
    assert parse_job(text) == parse_job(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_crashes_and_stays_verbatim(text):
    job = parse_job(text)
    for sentence in job.sentences:
        assert sentence.text in text


def test_an_unknown_heading_ends_a_boilerplate_section():
    text = ("Practice Manager\nAcme Pediatrics\n\nAdvertising Disclaimer\nThis ad is a sample.\n\n"
            "Supervisory Relationships\nThe practice manager supervises all support personnel.\n")
    job = parse_job(text)
    assert by_text(job, "This ad is a sample.").ignored == "boilerplate"
    assert by_text(job, "supervises all support personnel").ignored == ""


def test_markdown_posting():
    job = parse_job((DATA / "jobs" / "posting.md").read_text("utf-8"))
    assert (job.title, job.company) == ("Practice Administrator", "Lakeview Orthopaedics")
    assert by_text(job, "award-winning").ignored == "boilerplate"
    assert by_text(job, "Recruit, train and appraise").section == "responsibilities"
    assert by_text(job, "HIPAA and OSHA").section == "requirements"
    assert by_text(job, "CMPE certification").importance == "preferred"
    assert by_text(job, "401(k)").ignored == "boilerplate"


def test_employer_first_then_title():
    job = parse_job("Lakeside Family Medicine\nFront Desk Supervisor\n\nSupervise the front desk.")
    assert (job.title, job.company) == ("Front Desk Supervisor", "Lakeside Family Medicine")


def test_generic_first_line_is_skipped():
    job = parse_job("Job Description\nBilling Specialist\nValley Health\n\nPost payments.")
    assert (job.title, job.company) == ("Billing Specialist", "Valley Health")


def test_inline_section_label_sets_section_and_importance():
    job = parse_job("Biller\nAcme\n\nRequirements: two years of billing experience.\n"
                    "Preferred: CPC credential.\n")
    assert by_text(job, "two years of billing").section == "requirements"
    assert by_text(job, "two years of billing").importance == "required"
    assert by_text(job, "CPC credential").importance == "preferred"


def test_the_word_phone_is_not_a_contact_line():
    job = parse_job("Front Desk Coordinator\nSummit PT\n\nResponsibilities:\n"
                    "- Confirm appointments by text and phone.\n- Phone: (555) 010-0100\n")
    assert by_text(job, "Confirm appointments by text and phone.").ignored == ""
    assert by_text(job, "Phone: (555) 010-0100").ignored == "boilerplate"


def test_a_posting_in_capitals_keeps_its_duties():
    text = ("PRACTICE ADMINISTRATOR\nNORTHSHORE CARDIOLOGY\n\nESSENTIAL DUTIES\n"
            "PREPARE THE ANNUAL BUDGET.\nENSURE COMPLIANCE WITH HIPAA AND OSHA.\n\nQUALIFICATIONS\n"
            "BACHELOR'S DEGREE REQUIRED.\n")
    job = parse_job(text)
    duty = by_text(job, "ENSURE COMPLIANCE WITH HIPAA AND OSHA.")
    assert (duty.section, duty.ignored) == ("responsibilities", "")
    assert by_text(job, "BACHELOR'S DEGREE REQUIRED.").section == "requirements"


def test_a_capitalised_sentence_is_content_not_a_heading():
    job = parse_job("Biller\nAcme\n\nDuties\nPOST ALL PAYMENTS DAILY.\n")
    assert by_text(job, "POST ALL PAYMENTS DAILY.").section == "responsibilities"


def test_reporting_line_fields_say_where_the_role_sits_not_what_it_does():
    job = parse_job("Medical Receptionist\nOakfield Surgery\n\nLine Manager: Reception Team Leader\n"
                    "Reports to: Practice Manager\nSupervises: two apprentices\n\nDuties\n"
                    "- Book appointments.\n")
    assert by_text(job, "Line Manager: Reception Team Leader").ignored == "boilerplate"
    assert by_text(job, "Reports to: Practice Manager").ignored == "boilerplate"
    assert by_text(job, "Supervises: two apprentices").ignored == ""  # a duty of the role


def test_a_sentence_about_the_role_holders_is_not_company_description():
    job = parse_job("Patient Services Advisor\nOakfield Surgery\n\n"
                    "Patient Services Advisors at our surgeries work in a very busy environment.\n"
                    "Our surgeries have served the town since 1952.\n")
    assert by_text(job, "Advisors at our surgeries").ignored == ""
    assert by_text(job, "served the town since 1952").ignored == "boilerplate"
