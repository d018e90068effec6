"""The plugin side: what runs inside MkDocs, on the pages the generator side wrote.

- `archive_plugin.py`: the `archive` plugin of mkdocs.yml (its options, MkDocs' events):
  fragments spliced into hand-written pages, dirty builds made exact, the search index;
- `search_index.py`: the search index reduced and extended with accent-free variants;
- `prebuilt_search.py`: that index built at build time, in pieces loaded on demand;
- `theme/`: the template additions put in front of Material's, and the search worker that
  answers from those pieces.
"""
