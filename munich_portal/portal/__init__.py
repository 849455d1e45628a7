"""The portal's own pages, at the top of the layers: the home page, Mein Konto, the open-data
overview, the static pages (privacy, imprint, contact) and the demo loader.

They combine several domain apps and ask them only through their public selectors and actions;
no domain app imports this package (the import contracts in ``.importlinter`` check it).
"""
