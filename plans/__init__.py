"""The annual plan of outbound trips and inbound visits (kế hoạch đoàn ra, đoàn vào hằng
năm), and the plan against what was done."""
