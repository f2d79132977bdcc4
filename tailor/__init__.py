"""tailor: tailor a resume and cover letter to one job posting, offline, and report the gaps.

The data flow, one module a stage: sources (files -> text) -> posting (text -> Job) ->
matching (Job + Resume -> Analysis) -> tailoring (-> TailoredApplication) -> render and report
(-> document bytes) -> output (-> files). pipeline.py runs them; cli.py is the command line.
"""

__version__ = "0.1.0"
