from samtui.cli import main

raise SystemExit(main())
