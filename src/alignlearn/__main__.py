from alignlearn.cli import main

raise SystemExit(main())
