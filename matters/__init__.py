"""What every kind of matter shares (DESIGN §1): the abstract matter and its files,
visibility, the step toolkit and the shared step services, consultation, documents and
the registry of kinds. It stands on the ground floor (organizations, workdays, audit,
notifications) and knows no kind: the kinds (permits, agreements, conferences, ...) stand
on it.
"""
