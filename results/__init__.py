"""Results of participation processes (issue 7): the results page, figures by channel and district
as accessible SVG charts with data tables, open data with small counts withheld, and the
organisers' exports of ideas and comments. See docs/participation-results.md.
"""
