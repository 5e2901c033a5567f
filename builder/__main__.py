"""`python -m builder` is `stand`."""

from builder.cli import main

raise SystemExit(main())
