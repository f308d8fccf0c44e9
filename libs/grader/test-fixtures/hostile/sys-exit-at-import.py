# sys.exit(0) while importing must not look like success.
# expect-status: error
# expect-points: 0
import sys
sys.exit(0)
