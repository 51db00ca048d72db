# The per-household rule as a pandas user would write it: float arithmetic.
import json
import sys

import numpy as np
import pandas as pd

frame = pd.read_csv(sys.argv[1], usecols=["households", "land_transfer_date", "community_space_area"])
rate = np.where(frame["land_transfer_date"] >= "2010-01-01", 0.4, 0.2)
failing = int((frame["community_space_area"] < rate * frame["households"]).sum())
print(json.dumps({"failing": failing}))
