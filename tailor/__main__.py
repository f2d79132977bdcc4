"""``python -m tailor``: the same as the ``tailor`` command."""

from .cli import main

main()
