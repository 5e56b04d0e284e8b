"""The teaching package a class runs from on paper: a general brief, one confidential
brief per seat, the teaching note, the debrief worksheet and the rubric, as print-ready
HTML (A4) and PDF, generated from the scenario and its params.

Why in `play`: the briefs are the role sheets' printed kin (who can be played, what a
seat holds), and `outputs` below cannot read `play.roles`. Why generated: a teacher's
edited case prints its own briefs; a confidential brief names only its own seat's
unannounced rules. `negsim brief` and the teacher's page both call
`package.write_package` (imported from there, so that the command line's grammar can read
`outcomes.REPLICATIONS` without loading the page builders).
"""
