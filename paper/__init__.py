"""The paper channel of participation (issue 6): printed numbered registration forms and the
clerks' entry of filled-in sheets.

Owns form batches, form sheets and duplicate decisions (label ``paper``); builds on
``participation``. See docs/participation-paper.md.
"""
