"""The incremental layer: what one build keeps for the next, around stages that know nothing of it.

- `call`: the one thing stages import from here: how they apply a pure function
  (plainly, unless the orchestrator gives them a namespace's `call`).
- `store`: one SQLite file per project, a namespace per step, each under the step's
  fingerprint; `Namespace.call` applies a pure function through it.
- `fingerprint`: what a step's values depend on besides their arguments: the code the
  step imports inside the package, the installed versions, explicit inputs.
- `pages`: pages reused when nothing they show has changed, by the fields they read.
- `site`: the record of what a MkDocs build left in site/, for an exact dirty build.
- `folders`: where the store and the compiled templates live (the user's cache folder).

Only the orchestrator (`build_tools/pipeline.py`) and the MkDocs plugin open the store.
"""
