"""Settings: ``base`` reads every value from the environment with safe production defaults.

``dev`` and ``test`` only set environment defaults before importing ``base``; ``production`` is
``base`` itself. ``.env.example`` documents every variable.
"""
