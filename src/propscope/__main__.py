"""`python -m propscope ...`: the same command line as `propscope ...`."""

from propscope.cli import main

if __name__ == "__main__":
    main()
