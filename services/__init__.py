"""Services (issue 4): the catalogue (services with FIM/LeiKa texts, life situations, topics),
offices with opening hours, search and open data. Online requests and appointments are the apps
``online_requests`` and ``appointments``, which build on this one.
"""
