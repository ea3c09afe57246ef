from notifyplanner.cli import main

raise SystemExit(main())
