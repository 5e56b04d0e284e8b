"""`python -m sim` is `negsim`."""
import sys

from .cli import main

sys.exit(main())
