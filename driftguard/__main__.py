import sys

from driftguard.cli.main import main

sys.exit(main())
