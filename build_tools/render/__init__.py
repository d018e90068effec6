"""Render: the archive's Markdown pages and fragments, made from plain records.

- `pages.py`: `render_site`, every page and fragment by its path under docs/;
- `views.py`: what the templates show, computed from records and incidents;
- `environment.py`: the Jinja2 environment, its French filters, `page` and `fragment`;
- `text.py`: an article's text as sanitised HTML, with its evidence marked and links;
- `charts.py`: the statistics as SVG charts;
- `templates/`: the Jinja2 templates.
"""
