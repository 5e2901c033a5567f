"""`python -m builder` is `stand`."""

from builder.cli.main import main

raise SystemExit(main())
