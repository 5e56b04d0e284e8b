"""The classroom in a browser (`negsim serve`): the explorer, the sources, the classroom's
games and the teacher's pages, a thin NiceGUI layer over plain model objects.

Why split this way: the page logic (which rules are switched off, what the heatmap shows,
who holds a seat, what a download contains, who may upload) lives in plain classes that
tests drive without a browser. `common/` is used by both halves, `explorer/` and
`classroom/` hold one each, and `pages/` draws them; imports only go down that list
(tests/test_layout.py). NiceGUI (the `[web]` extra) is imported by views, pages and `app`,
never by the models.
"""
