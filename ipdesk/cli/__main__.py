"""`python -m ipdesk.cli …`: the same as the `ipdesk` command."""

from ipdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
