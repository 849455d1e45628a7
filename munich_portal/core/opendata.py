"""The portal's open-data licence, the same for every dataset it publishes."""

__all__ = ["LICENCE"]

LICENCE = {
    "name": "Datenlizenz Deutschland \u2013 Namensnennung \u2013 Version 2.0",
    "id": "dl-de/by-2-0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "attribution": "Landeshauptstadt München, Digitales München",
}
