"""Never binds its port: the runner must give up after its timeout."""

import time

while True:
    time.sleep(1)
