"""Entry point of the windowed `ipdesk` program in the installer build."""

import sys

from ipdesk.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
