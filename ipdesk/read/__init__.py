"""What the window, the printed sheets, the workbooks and the command line read from a
plan file — every query written once, typed, returning plain dataclasses.

plan         the plan's dates and settings, departments, sections, phases, counts
tasks        every task with its status and warning light; milestones; whether a task
             runs in a period
indicators   every indicator with current, expected and light; values by period
department   a department's business for one period: its tasks (ONE definition for
             screen, sheet and workbook), its indicator grid, reports, evidence,
             submission, reminders
completeness reporting completeness and the coordinator's review list
overview     the coordinator's overview rows and filters
timeline     the timeline's rows (ONE definition for the screen and the printed chart)
snapshot     everything a printed sheet or workbook needs, read once
exchange     the merge center's lists: imports, conflicts, quarantine
editing      what the coordinator's editors show: the plan's tasks, departments and
             indicators as lists, one task with its assignments and milestones

Plain Python (no Qt), built on ipdesk.plan's rules; may import ipdesk.plan and
ipdesk.store (files, schema, authority), never ipdesk.gui, ipdesk.reports or
ipdesk.cli.
"""
