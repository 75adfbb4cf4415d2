import sys

from pr_review.cli import main

sys.exit(main())
