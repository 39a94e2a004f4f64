"""``python -m targets``: the same command as ``targets``."""

from targets.cli import main

if __name__ == "__main__":
    main()
