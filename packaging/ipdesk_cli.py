"""Entry point of the console `ipdesk-cli` program in the installer build."""

import sys

from ipdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
