"""The classroom in a browser (`negsim serve`): the explorer page, the sources and the
teacher's page, a thin NiceGUI layer over plain model objects.

Why split this way: the page logic (which rules are switched off, which overrides that
makes, what the heatmap shows, what a download contains, who may upload) lives in plain
classes that tests drive without a browser; the modules named `*_page` only draw them.
NiceGUI (the `[web]` extra) is imported by those modules and by `app`, never by the models.
"""
