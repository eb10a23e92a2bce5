import sys

from twitchlog.cli import main

sys.exit(main())
