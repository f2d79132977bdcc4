"""The commented starter resume that ``tailor init`` writes, for a person starting from nothing.

Why: the format is new to the people this tool is for. A file to fill in, whose comments say what
each field is for and show the YAML slips to avoid (a colon in a line, a lost "- "), is easier than
a schema. It is valid as it stands, so ``tailor validate`` can be run after every change.
"""

STARTER = """\
# Your master resume, in JSON Resume format (https://jsonresume.org/schema) written as YAML.
# Fill in every part you have, replace the example text, and delete what you do not need.
# Keep EVERYTHING you have done here: tailor picks and orders what fits each job.
# Check it after each change with:  tailor validate resume.yml
#
# Three rules of YAML that catch people out:
#   - indent with spaces, never tabs, and keep the items of a list lined up;
#   - every highlight is its own line starting with "- " (a lost "- " joins two lines into one);
#   - a line that holds ": " (a colon and a space) must be in quotes:  - "Saved 10%: $5k a year"
basics:
  name: Your Name
  label: The job title you have or want        # e.g. Medical Office Supervisor
  email: you@example.com
  phone: "555-0100"                             # in quotes, so it stays as you write it
  summary: >-
    Two or three sentences about you: years of experience, where, and what you are best at.
    A longer text can go on several lines like this, indented.
  location:
    city: Your City
    region: Your State or County
  profiles:
    - network: LinkedIn
      url: https://www.linkedin.com/in/your-name
work:                                           # most recent job first
  - name: Employer Name
    position: Your Job Title
    location: City, State
    startDate: 2020-06                          # YYYY-MM (or YYYY); no endDate for a current job
    highlights:                                 # one line each, in your own words, with numbers
      - What you did, with a result and a number where you have one (e.g. cut no-shows from 14% to 8%).
      - Another thing you did in this job.
  - name: Earlier Employer
    position: Earlier Job Title
    startDate: 2017-02
    endDate: 2020-05
    highlights:
      - What you did there.
education:
  - institution: School, College or University
    studyType: Degree or Diploma                # e.g. Associate of Applied Science
    area: Subject                               # e.g. Health Information Management
    startDate: 2012-09
    endDate: 2014-12                            # no endDate while still studying
certificates:
  - name: Certificate Name
    issuer: Who issued it
    date: 2016-04
skills:
  - name: Software
    keywords: [Program one, Program two]
  - name: Another skill area
    keywords: [Skill one, Skill two]
languages:
  - language: English
    fluency: Native speaker
"""
