"""The pure rules of the domain: no database, no request — functions of their arguments.

`limits` (time limits), `calendar` (working days), `contacts` (when a contact may be recorded),
`names` (search keys of people's names), `personal_codes` (the Latvian personal code).
"""
