"""`python -m sim` is `negsim`."""
from .cli import command

command()
