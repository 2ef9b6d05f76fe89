"""`python -m chokepoints`: the command line."""

from chokepoints.cli import main

main()
