#!/bin/sh
echo "Criterion was not found when configure ran: the unit tests cannot be built." >&2
echo "Install it (Debian: apt-get install libcriterion-dev) and run ./configure again." >&2
exit 99
