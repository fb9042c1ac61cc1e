"""International conferences and seminars (hội nghị, hội thảo quốc tế).

Requests to organise one, through their flow (Quyết định 06/2020/QĐ-TTg), and the records
decided before the system existed (imported); the registry and the report count both.
"""
