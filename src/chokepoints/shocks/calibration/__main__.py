from chokepoints.shocks.calibration.run import main

raise SystemExit(main())
