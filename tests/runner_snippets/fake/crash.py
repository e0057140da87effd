"""Fails at import time, as a snippet with a typo would."""

import sys

print("starting up")
print("ImportError: cannot import name 'Flsk' from 'flask'", file=sys.stderr)
sys.exit(3)
