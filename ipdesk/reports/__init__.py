"""What comes out of a plan (DESIGN.md §6): the printed sheets (`pdf`), the 台账 and
department workbooks and their import (`xlsx_ledger`, `xlsx_dept`), a new plan from a
任务分解表 (`breakdown`) and the 检查验收 archive (`archive`); `cli` adds the commands."""
