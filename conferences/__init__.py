"""International conferences and seminars (hội nghị, hội thảo quốc tế).

For now a registry of records (imported or entered in the admin) that the annual
report counts; the request flow comes later (DESIGN §8).
"""
