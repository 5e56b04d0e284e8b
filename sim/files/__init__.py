"""Files: YAML read safely with positions, scenarios loaded (`extends:`, `--set`
overrides), validated and cross-checked, and every mistake turned into one clear
`InputError` that names the file, the line and the known names.
"""
