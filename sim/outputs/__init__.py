"""Outputs: the numbers behind figures (analysis), the figures, the terminal text and the
HTML report a teacher hands out. Nothing here runs the model.
"""
