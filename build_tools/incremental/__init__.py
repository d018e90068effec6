"""The incremental layer: what one build keeps for the next, around stages that know nothing of it.

- `store`: one SQLite file per project, a namespace per step, each under the step's
  fingerprint; `Namespace.call` applies a pure function through it.
- `fingerprint`: what a step's values depend on besides their arguments: the code the
  step imports inside the package, the installed versions, explicit inputs.
- `pages`: pages reused when nothing they show has changed, by the fields they read.
- `site`: the record of what a MkDocs build left in site/, for an exact dirty build.

Only the orchestrator (`build_tools/pipeline.py`) and the MkDocs plugin open the store.
"""
