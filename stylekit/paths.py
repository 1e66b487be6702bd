"""Where the kit's own folders are: the repository the package sits in (solutions/, autograder/, notebooks/)."""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
