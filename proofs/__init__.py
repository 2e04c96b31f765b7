"""The claims of the theorem pages T1-T8, one module per group, checked by ``ifsod verify``.

Each module defines ``CLAIMS`` (the statements, with their expected verdicts) and ``MUTANTS``
(wrong variants of the true claims, which must come out FALSIFIED; run by
``ifsod verify --mutants`` and the tests).  A claim expected to be false is its own wrong variant.
This directory is a package so that modules can share lemmas.
"""
